using ComplexCases.Data.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace ComplexCases.Data.Postgres;

/// <summary>
/// The shared model (<see cref="ComplexCasesDbContext"/>), adjusted so that PostgreSQL stores, compares and orders values
/// as the SQLite database does. The context stays provider-neutral; the migrations in this assembly are generated from
/// the model as adjusted here.
/// </summary>
public sealed class PostgresModelCustomizer(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
{
    /// <summary>
    /// The "C" collation orders text by UTF-8 bytes, that is by code point: SQLite's BINARY, which lists, CRNs and codes are
    /// sorted by (and which the in-memory list order copies). The database's own locale might be en_GB, where "b" sorts
    /// before "C" and hyphens are ignored; a collation on each column makes the order independent of how the database was made.
    /// </summary>
    public const string OrdinalCollation = "C";

    // timestamptz takes only UTC: Npgsql refuses a DateTimeOffset with another offset and a DateTime whose Kind is not Utc.
    // SQLite stores either as text and takes any. Every instant is therefore stored as UTC; the moment is unchanged, the
    // offset it was written with is not kept (the application shows times in Europe/London from UTC in any case).
    // timestamptz keeps microseconds, SQLite's text the full 100 ns tick: no instant but the audit's is compared exactly.
    private static readonly ValueConverter<DateTimeOffset, DateTimeOffset> UtcOffset =
        new(v => v.ToUniversalTime(), v => v);

    // The one DateTime (audit_events.OccurredAtUtc) is UTC by contract; an Unspecified value is read as UTC, not refused.
    private static readonly ValueConverter<DateTime, DateTime> UtcKind =
        new(v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
            v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    // An audit entry's time is hashed to the tick (AuditHash), so it must come back to the tick or the chain would not
    // verify: UTC ticks in a bigint, ordered and compared as the instants are (to read one in SQL:
    // to_timestamp(("OccurredAtUtc" - 621355968000000000) / 1e7)).
    private static readonly ValueConverter<DateTime, long> UtcTicks =
        new(v => (v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v).Ticks,
            v => new DateTime(v, DateTimeKind.Utc));

    public override void Customize(ModelBuilder modelBuilder, DbContext context)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        base.Customize(modelBuilder, context);
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type == typeof(string)) property.SetCollation(OrdinalCollation);
                else if (type == typeof(DateTimeOffset)) property.SetValueConverter(UtcOffset);
                else if (type == typeof(DateTime)) property.SetValueConverter(UtcKind);
            }
        }
        modelBuilder.Entity<StoredAuditEvent>().Property(e => e.OccurredAtUtc).HasConversion(UtcTicks).HasColumnType("bigint");
    }
}
