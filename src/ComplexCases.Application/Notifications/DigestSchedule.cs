namespace ComplexCases.Application.Notifications;

/// <summary>When the daily digest goes out: at <see cref="EmailOptions.DigestHourLocal"/> o'clock local time, every day.</summary>
public static class DigestSchedule
{
    /// <summary>The first digest time strictly after <paramref name="after"/>; pass the clock's
    /// <see cref="TimeProvider.LocalTimeZone"/>. On a day when the hour does not exist (clocks go forward through it)
    /// the digest goes an hour later; when it happens twice (clocks go back), at the first.</summary>
    public static DateTimeOffset NextAfter(DateTimeOffset after, TimeZoneInfo zone, int hourLocal)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfNegative(hourLocal);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(hourLocal, 23);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime);
        for (var i = 0; i < 3; i++, day = day.AddDays(1))
        {
            var at = At(day, hourLocal, zone);
            if (at > after) return at;
        }
        throw new InvalidOperationException("Unreachable: a digest time falls within three days.");
    }

    private static DateTimeOffset At(DateOnly day, int hour, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(new TimeOnly(hour, 0), DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        // Ambiguous: the larger offset is the earlier of the two instants.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
