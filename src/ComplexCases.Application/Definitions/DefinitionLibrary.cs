using System.Text.Json.Nodes;
using ComplexCases.Application.Access;
using ComplexCases.Application.Audit;
using ComplexCases.Data;
using ComplexCases.Data.Screening;
using ComplexCases.Domain.Audit;
using ComplexCases.Domain.Definitions;
using ComplexCases.Domain.Workflow;
using Microsoft.EntityFrameworkCore;

namespace ComplexCases.Application.Definitions;

/// <summary>One stored version as the definitions page lists it: who saved it, when, and what it changed from the version before.</summary>
public sealed record DefinitionVersion(string Id, int Version, string Title, int Threshold, string? CreatedBy, DateTimeOffset? CreatedAt,
    string Sha256, string Changes, int Runs, DateOnly? LastUsed)
{
    public string Key => Id + "@" + Version;
}

/// <summary>A definition checked or saved: the definition as it is (or would be) stored, and its JSON text.</summary>
public sealed record CheckedDefinition(Definition Definition, string Json, string Changes, bool Saved);

/// <summary>One adoption decision as the definitions page shows it.</summary>
public sealed record AdoptionDecision(int Id, string DefinitionId, int DefinitionVersion, DateOnly EffectiveFrom, string Reason,
    string AdoptedBy, DateTimeOffset AdoptedAt);

/// <summary>
/// Definitions written in the service (issue 14): checked with every problem named by its JSON path, saved as a new,
/// immutable version (the next after the highest stored, or shipped, version of that id), and adopted for the monthly
/// lists that feed the process from a month on, with a reason. Saving and adopting are audited in their own transaction
/// (<c>definition.saved</c>, <c>definition.adopted</c>).
/// </summary>
public sealed class DefinitionLibrary(ComplexCasesDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string JsonField = "json";
    public const string DefinitionField = "definition";
    public const string ReasonField = "reason";
    public const string EffectiveFromField = "effectiveFrom";
    public const int MaxReason = 2000;
    /// <summary>The characters a pasted or uploaded definition may have (the file limit of <see cref="DefinitionFile.MaxBytes"/> would allow more).</summary>
    public const int MaxJsonCharacters = 200_000;

    /// <summary>Every stored version, by id, newest version first, with what each changed from the version before.</summary>
    public IReadOnlyList<DefinitionVersion> Versions() => Versions(Stored());

    /// <summary>Every stored version with its use, read once (<see cref="StoredVersion.Read"/>).</summary>
    public IReadOnlyList<StoredVersion> Stored() => StoredVersion.Read(db);

    /// <summary><see cref="Versions()"/> from versions already read (<see cref="StoredVersion.Read"/>, oldest first).</summary>
    public static IReadOnlyList<DefinitionVersion> Versions(IReadOnlyList<StoredVersion> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var result = new List<DefinitionVersion>();
        Definition? previous = null;
        string? previousId = null;
        foreach (var (d, parsed, runs, lastUsed) in stored)
        {
            if (previousId != d.Id) previous = null;
            var changes = parsed is null ? "Stored text no longer reads as a definition" : DefinitionChanges.Describe(previous, parsed);
            result.Add(new DefinitionVersion(d.Id, d.Version, d.Title, d.Threshold, d.CreatedBy, d.CreatedAt, d.Sha256, changes, runs, lastUsed));
            previous = parsed ?? previous;
            previousId = d.Id;
        }
        return [.. result.OrderBy(v => v.Id, StringComparer.Ordinal).ThenByDescending(v => v.Version)];
    }

    /// <summary>A stored version's JSON text, to start a new version from; null if there is no such version.</summary>
    public string? JsonOf(string id, int version) =>
        db.Definitions.AsNoTracking().Where(d => d.Id == id && d.Version == version).Select(d => d.Json).FirstOrDefault();

    /// <summary>Checks a definition's text without saving it: every problem by JSON path, or what it would change.</summary>
    public UseCaseResult<CheckedDefinition> Check(StaffUser user, string? json) => Prepare(user, json, save: false);

    /// <summary>
    /// Saves the text as the next version of its id, whatever version it states: versions are never changed, so a saved
    /// version is the one runs and evaluations will name. Text that changes nothing from the latest version is refused.
    /// </summary>
    public UseCaseResult<CheckedDefinition> Save(StaffUser user, string? json) => Prepare(user, json, save: true);

    private UseCaseResult<CheckedDefinition> Prepare(StaffUser user, string? json, bool save)
    {
        if (!user.Has(Permission.ManageDefinitions)) return UseCaseResult<CheckedDefinition>.Forbidden("Your role does not include writing definitions.");
        if (string.IsNullOrWhiteSpace(json)) return UseCaseResult<CheckedDefinition>.Invalid(JsonField, "Enter the definition's JSON, or choose a file");
        if (json.Length > MaxJsonCharacters)
            return UseCaseResult<CheckedDefinition>.Invalid(JsonField, $"The definition must be {MaxJsonCharacters:N0} characters or fewer; a definition is a few kilobytes of JSON");
        var (file, errors) = DefinitionFile.FromJson(json);
        if (file is null) return UseCaseResult<CheckedDefinition>.Invalid([.. errors.Select(e => new FieldError(JsonField, e))]);

        var id = file.Definition.Id;
        var latest = db.Definitions.AsNoTracking().Where(d => d.Id == id).OrderByDescending(d => d.Version).FirstOrDefault();
        var next = Math.Max(latest?.Version ?? 0, ShippedVersion(id)) + 1;
        var versioned = WithVersion(json, next);
        var (stored, _) = DefinitionFile.FromJson(versioned);
        if (stored is null) return UseCaseResult<CheckedDefinition>.Failed("The definition could not be given its version; nothing was saved.");
        var before = latest is null ? null : DefinitionParser.Parse(latest.Json).Definition;
        if (latest is not null && DefinitionFile.FromJson(WithVersion(json, latest.Version)).File?.Sha256 == latest.Sha256)
            return UseCaseResult<CheckedDefinition>.Invalid(JsonField, $"This is the same as {id} version {latest.Version}: nothing would change, so there is nothing to save");
        var changes = DefinitionChanges.Describe(before, stored.Definition);
        if (!save) return UseCaseResult<CheckedDefinition>.Ok(new CheckedDefinition(stored.Definition, versioned, changes, Saved: false));

        using var transaction = db.Database.BeginTransaction();
        db.Definitions.Add(new StoredDefinition
        {
            Id = id, Version = next, Title = stored.Definition.Title, Threshold = stored.Definition.Threshold, Json = versioned,
            Sha256 = stored.Sha256, CreatedBy = user.Id, CreatedAt = clock.GetUtcNow(),
        });
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return UseCaseResult<CheckedDefinition>.Conflicted($"Someone saved {id} version {next} while you were working on it. Check your definition again to save it as the next version.");
        }
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.DefinitionSaved,
            "definitions lab: a new version of a complex-case definition written in the service")
        {
            Details = new AuditDetails().Add("definitionId", id).Add("definitionVersion", next)
                .Add("previousVersion", latest?.Version ?? 0).Add("definitionSha256", stored.Sha256).Add("changes", Clip(changes, 1000)).ToString(),
        });
        transaction.Commit();
        return UseCaseResult<CheckedDefinition>.Ok(new CheckedDefinition(stored.Definition, versioned, changes, Saved: true));
    }

    /// <summary>The adoption decisions, newest first.</summary>
    public IReadOnlyList<AdoptionDecision> Adoptions() =>
        [.. db.DefinitionAdoptions.AsNoTracking().OrderByDescending(a => a.Id).ToList()
            .Select(a => new AdoptionDecision(a.Id, a.DefinitionId, a.DefinitionVersion, a.EffectiveFrom, a.Reason, a.AdoptedBy, a.AdoptedAt))];

    /// <summary>The operational definition of this month and of next month (UK date): adopted, or <paramref name="configuredId"/>.</summary>
    public IReadOnlyList<(DateOnly Month, OperationalChoice Choice)> InUse(string configuredId)
    {
        var today = WorkingCalendar.UkDate(clock.GetUtcNow());
        var month = new DateOnly(today.Year, today.Month, 1);
        return [(month, OperationalDefinition.For(db, month, configuredId)), (month.AddMonths(1), OperationalDefinition.For(db, month.AddMonths(1), configuredId))];
    }

    /// <summary>The months an adoption may take effect from: next month (UK date) and the eleven after it. A month already listed is not changed.</summary>
    public IReadOnlyList<DateOnly> AdoptableMonths()
    {
        var today = WorkingCalendar.UkDate(clock.GetUtcNow());
        var next = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        return [.. Enumerable.Range(0, 12).Select(next.AddMonths)];
    }

    /// <summary>
    /// Adopts a stored version (<c>id@version</c>) for the lists that feed the process from <paramref name="effectiveFrom"/>
    /// (the first of a month from next month on), with the reason; audited in the same transaction.
    /// </summary>
    public UseCaseResult<AdoptionDecision> Adopt(StaffUser user, string? definition, DateOnly? effectiveFrom, string? reason)
    {
        if (!user.Has(Permission.AdoptDefinitions)) return UseCaseResult<AdoptionDecision>.Forbidden("Your role does not include adopting definitions.");
        var errors = new List<FieldError>();
        var (id, version) = ParseKey(definition);
        var stored = id is null ? null : db.Definitions.AsNoTracking().FirstOrDefault(d => d.Id == id && d.Version == version);
        if (stored is null) errors.Add(new FieldError(DefinitionField, "Choose one of the stored definition versions"));
        if (effectiveFrom is not { } month) errors.Add(new FieldError(EffectiveFromField, "Choose the month the definition is used from"));
        else if (!AdoptableMonths().Contains(month))
            errors.Add(new FieldError(EffectiveFromField, "The month must be the first of next month or a later month in the coming year: a month already listed is not changed"));
        var text = reason?.Trim() ?? "";
        if (text.Length == 0) errors.Add(new FieldError(ReasonField, "Enter the reason for adopting this definition: it is kept with the decision"));
        else if (text.Length > MaxReason) errors.Add(new FieldError(ReasonField, $"The reason must be {MaxReason:N0} characters or fewer"));
        if (errors.Count > 0) return UseCaseResult<AdoptionDecision>.Invalid(errors);

        using var transaction = db.Database.BeginTransaction();
        var record = new DefinitionAdoption
        {
            DefinitionId = stored!.Id, DefinitionVersion = stored.Version, EffectiveFrom = effectiveFrom!.Value, Reason = text,
            AdoptedBy = user.Id, AdoptedAt = clock.GetUtcNow(),
        };
        db.DefinitionAdoptions.Add(record);
        db.SaveChanges();
        audit.Append(db, new AuditEntryRequest(user.Id, AuditAction.Alteration, AuditEventTypes.DefinitionAdopted,
            "Complex Case process: the definition whose monthly lists feed the process, adopted from a month on")
        {
            Details = new AuditDetails().Add("adoptionId", record.Id).Add("definitionId", record.DefinitionId)
                .Add("definitionVersion", record.DefinitionVersion).Add("effectiveFrom", record.EffectiveFrom)
                .Add("reason", Clip(text, 2000)).ToString(),
        });
        transaction.Commit();
        return UseCaseResult<AdoptionDecision>.Ok(new AdoptionDecision(record.Id, record.DefinitionId, record.DefinitionVersion,
            record.EffectiveFrom, record.Reason, record.AdoptedBy, record.AdoptedAt));
    }

    /// <summary>
    /// A stored version, parsed as stored (versions are immutable): null when the database holds no such version, else the
    /// definition or why its text no longer reads. What a run is given when it asks for a stored version.
    /// </summary>
    public static (DefinitionFile? File, IReadOnlyList<string> Errors)? ReadVersion(ComplexCasesDbContext db, string id, int version)
    {
        ArgumentNullException.ThrowIfNull(db);
        var json = db.Definitions.AsNoTracking().Where(d => d.Id == id && d.Version == version).Select(d => d.Json).FirstOrDefault();
        return json is null ? null : DefinitionFile.FromJson(json);
    }

    /// <summary><c>id@version</c> as the pages and the lab name a stored version.</summary>
    public static (string? Id, int Version) ParseKey(string? key)
    {
        var at = key?.LastIndexOf('@') ?? -1;
        return at > 0 && int.TryParse(key![(at + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? (key[..at], v) : (null, 0);
    }

    /// <summary>The version of the shipped file with this id, if one ships: a saved version comes after it, so the file stays usable.</summary>
    private static int ShippedVersion(string id)
    {
        var path = Path.Combine(DefinitionFile.ShippedFolder, id + ".json");
        if (!File.Exists(path)) return 0;
        var loaded = DefinitionFile.Load(path);
        return loaded.Succeeded && loaded.Value!.Definition.Id == id ? loaded.Value.Definition.Version : 0;
    }

    /// <summary>The text with its version set; the rest of the text as written, re-indented.</summary>
    private static string WithVersion(string json, int version)
    {
        var node = JsonNode.Parse(json, documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true })!.AsObject();
        node["version"] = version;
        return node.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
