namespace ComplexCases.Synthetic;

/// <summary>A probation region and its delivery units, as the generator spreads people over them.</summary>
/// <param name="Code">Region code written to <c>region_code</c>, e.g. <c>N07</c>.</param>
/// <param name="CrnLetter">First letter of the CRNs issued in this region (when the region fits one letter).</param>
/// <param name="Share">Relative caseload size of the region (EST; see docs/synthetic-data.md).</param>
public sealed record ProbationRegion(string Code, string Name, char CrnLetter, double Share, IReadOnlyList<DeliveryUnit> Pdus);

/// <summary>A probation delivery unit (PDU). <paramref name="Weight"/> is its relative size within its region.</summary>
public sealed record DeliveryUnit(string Code, string Name, double Weight = 1.0);

/// <summary>
/// The geographies the generator can fill. Region and PDU names are the public HMPPS ones (2021 unification);
/// codes are invented in the style of the contract's examples (<c>N07</c>, <c>EOENFK</c>).
/// </summary>
public static class Presets
{
    public const string National = "national";
    public const string EastOfEngland = "east-of-england";

    public static IReadOnlyList<string> Names { get; } = [EastOfEngland, National];

    private static readonly ProbationRegion EastOfEnglandRegion = new("N07", "East of England", 'E', 8.0,
    [
        new("EOEBED", "Bedfordshire", 1.0),
        new("EOECAP", "Cambridgeshire & Peterborough", 1.1),
        new("EOEESN", "Essex North", 1.0),
        new("EOEESS", "Essex South", 1.2),
        new("EOEHER", "Hertfordshire", 1.1),
        new("EOENFK", "Norfolk", 1.1),
        new("EOENTH", "Northamptonshire", 1.0),
        new("EOESUF", "Suffolk", 0.9),
    ]);

    private static readonly IReadOnlyList<ProbationRegion> NationalRegions =
    [
        new("N01", "North East", 'T', 5.0,
        [
            new("NEACDD", "County Durham and Darlington", 1.1),
            new("NEAGST", "Gateshead and South Tyneside"),
            new("NEANEW", "Newcastle upon Tyne"),
            new("NEANTN", "North Tyneside and Northumberland", 1.1),
            new("NEARCM", "Redcar, Cleveland and Middlesbrough"),
            new("NEASTH", "Stockton and Hartlepool", 0.9),
            new("NEASUN", "Sunderland", 0.9),
        ]),
        new("N02", "North West", 'W', 11.0,
        [
            new("NWEBBD", "Blackburn", 0.7),
            new("NWECLA", "Central Lancashire"),
            new("NWECHE", "Cheshire East", 0.9),
            new("NWECHW", "Cheshire West", 0.9),
            new("NWECUM", "Cumbria"),
            new("NWEELA", "East Lancashire", 0.9),
            new("NWEKSH", "Knowsley and St Helens"),
            new("NWELVN", "Liverpool North", 1.1),
            new("NWELVS", "Liverpool South", 1.1),
            new("NWENWL", "North West Lancashire"),
            new("NWESEF", "Sefton", 0.9),
            new("NWEWAH", "Warrington and Halton", 0.9),
            new("NWEWIR", "Wirral"),
        ]),
        new("N03", "Yorkshire and the Humber", 'Y', 9.5,
        [
            new("YAHBAR", "Barnsley and Rotherham", 1.1),
            new("YAHBRC", "Bradford and Calderdale", 1.3),
            new("YAHDON", "Doncaster"),
            new("YAHHER", "Hull and East Riding", 1.1),
            new("YAHKIR", "Kirklees", 0.9),
            new("YAHLDS", "Leeds", 1.4),
            new("YAHNNE", "North and North East Lincolnshire", 0.8),
            new("YAHNYK", "North Yorkshire", 0.9),
            new("YAHSHF", "Sheffield", 1.3),
            new("YAHWAK", "Wakefield"),
            new("YAHYRK", "York", 0.5),
        ]),
        new("N04", "Greater Manchester", 'M', 7.5,
        [
            new("GMNBOL", "Bolton"),
            new("GMNBUR", "Bury and Rochdale", 1.2),
            new("GMNMCN", "Manchester North", 1.2),
            new("GMNMCS", "Manchester South", 1.2),
            new("GMNOLD", "Oldham", 0.9),
            new("GMNSAL", "Salford"),
            new("GMNSTT", "Stockport and Trafford", 1.1),
            new("GMNTAM", "Tameside", 0.8),
            new("GMNWIG", "Wigan"),
        ]),
        new("N05", "East Midlands", 'D', 8.0,
        [
            new("EMDDBC", "Derby City", 0.8),
            new("EMDDBY", "Derbyshire", 1.1),
            new("EMDLIN", "East and West Lincolnshire", 1.1),
            new("EMDLLR", "Leicester, Leicestershire and Rutland", 1.4),
            new("EMDNTC", "Nottingham City"),
            new("EMDNTS", "Nottinghamshire"),
        ]),
        new("N06", "West Midlands", 'B', 9.5,
        [
            new("WMDBCS", "Birmingham Central and South", 1.2),
            new("WMDBCC", "Birmingham Courts and Centralised Functions", 0.5),
            new("WMDBNE", "Birmingham North, East and Solihull", 1.2),
            new("WMDCOV", "Coventry", 0.9),
            new("WMDDSW", "Dudley and Sandwell", 1.2),
            new("WMDHST", "Hereford, Shropshire and Telford", 1.1),
            new("WMDSTS", "Staffordshire and Stoke", 1.3),
            new("WMDWWV", "Walsall and Wolverhampton", 1.2),
            new("WMDWAR", "Warwickshire", 0.8),
            new("WMDWOR", "Worcestershire", 0.8),
        ]),
        EastOfEnglandRegion,
        new("N08", "Wales", 'C', 5.5,
        [
            new("WALCVG", "Cardiff and the Vale"),
            new("WALCTM", "Cwm Taf Morgannwg"),
            new("WALDYP", "Dyfed Powys"),
            new("WALGWE", "Gwent", 1.1),
            new("WALNWA", "North Wales", 1.1),
            new("WALSNP", "Swansea, Neath and Port Talbot"),
        ]),
        new("N09", "London", 'L', 16.0,
        [
            new("LDNBDH", "Barking and Dagenham and Havering"),
            new("LDNBRE", "Brent", 0.8),
            new("LDNCAI", "Camden and Islington"),
            new("LDNCRO", "Croydon", 0.9),
            new("LDNEAH", "Ealing and Hillingdon", 1.1),
            new("LDNENH", "Enfield and Haringey", 1.1),
            new("LDNGRB", "Greenwich and Bexley"),
            new("LDNHAC", "Hackney and City", 0.9),
            new("LDNHFK", "Hammersmith, Fulham, Kensington, Chelsea and Westminster", 1.1),
            new("LDNHAB", "Harrow and Barnet"),
            new("LDNKRH", "Kingston, Richmond and Hounslow"),
            new("LDNLAM", "Lambeth", 1.1),
            new("LDNLEB", "Lewisham and Bromley", 1.1),
            new("LDNNEW", "Newham", 0.9),
            new("LDNRWF", "Redbridge and Waltham Forest"),
            new("LDNSOU", "Southwark", 1.1),
            new("LDNTOW", "Tower Hamlets", 0.9),
            new("LDNWMS", "Wandsworth, Merton and Sutton"),
        ]),
        new("N10", "South West", 'S', 6.5,
        [
            new("SWEBNS", "Bath and North Somerset", 0.6),
            new("SWEBSG", "Bristol and South Gloucestershire", 1.4),
            new("SWECIS", "Cornwall and Isles of Scilly"),
            new("SWEDVT", "Devon and Torbay", 1.2),
            new("SWEDOR", "Dorset", 1.1),
            new("SWEGLO", "Gloucestershire"),
            new("SWEPLY", "Plymouth", 0.8),
            new("SWESOM", "Somerset", 0.9),
            new("SWESWW", "Swindon and Wiltshire", 1.1),
        ]),
        new("N11", "South Central", 'H', 6.5,
        [
            new("SCEBMK", "Buckinghamshire and Milton Keynes", 1.1),
            new("SCEEBK", "East Berkshire"),
            new("SCEHNE", "Hampshire North and East"),
            new("SCEHSI", "Hampshire South and Isle of Wight", 1.3),
            new("SCEHSW", "Hampshire South West"),
            new("SCEOXF", "Oxfordshire"),
            new("SCEWBK", "West Berkshire", 0.8),
        ]),
        new("N12", "Kent, Surrey and Sussex", 'K', 7.0,
        [
            new("KSSEKT", "East Kent", 1.1),
            new("KSSESX", "East Sussex"),
            new("KSSSUR", "Surrey", 1.1),
            new("KSSWKT", "West Kent"),
            new("KSSWSX", "West Sussex", 1.1),
            new("KSSNKM", "North Kent and Medway"),
        ]),
    ];

    /// <summary>The regions of a preset, or null when the name is not one of <see cref="Names"/> (case-insensitive).</summary>
    public static IReadOnlyList<ProbationRegion>? Find(string? name) =>
        name?.Trim().ToLowerInvariant() switch
        {
            EastOfEngland => [EastOfEnglandRegion],
            National => NationalRegions,
            _ => null,
        };

    /// <summary>The regions of a preset; throws for an unknown name.</summary>
    public static IReadOnlyList<ProbationRegion> Get(string name) =>
        Find(name) ?? throw new ArgumentException($"Unknown preset '{name}'; expected one of: {string.Join(", ", Names)}.", nameof(name));
}
