namespace ComplexCases.Application.Audit;

/// <summary>Where a read was asked from. The audit entry says so, because the same use case answers both.</summary>
public enum ReadChannel
{
    /// <summary>A page of the web application.</summary>
    Page,
    /// <summary>The JSON API under <c>/api</c> (entries add <c>via=api</c>).</summary>
    Api,
}
