namespace ComplexCases.Domain.People;

/// <summary>A Y/N answer that may be missing: an empty cell is <see cref="Unknown"/>, never "no".</summary>
public enum Flag : byte
{
    Unknown = 0,
    No = 1,
    Yes = 2,
}
