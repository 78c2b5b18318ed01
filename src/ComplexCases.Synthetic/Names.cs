namespace ComplexCases.Synthetic;

/// <summary>
/// Common given names and surnames, combined at random: every person is synthetic. A few carry
/// non-ASCII letters, apostrophes and hyphens so that encodings and display are exercised.
/// </summary>
internal static class Names
{
    public static readonly string[] Male =
    [
        "James", "John", "David", "Michael", "Daniel", "Thomas", "Christopher", "Matthew", "Andrew", "Mark",
        "Paul", "Steven", "Lee", "Ryan", "Jamie", "Liam", "Connor", "Jordan", "Callum", "Kyle",
        "Adam", "Ben", "Craig", "Dean", "Gary", "Jason", "Kevin", "Luke", "Nathan", "Robert",
        "Scott", "Shaun", "Simon", "Stuart", "Wayne", "Aaron", "Ashley", "Carl", "Darren", "Jack",
        "Joshua", "Kieran", "Lewis", "Mohammed", "Ali", "Tomasz", "Łukasz", "Marek", "Andrei", "Kwame",
        "Tyrone", "Dwayne", "Rhys", "Gareth", "Dafydd", "Seán", "Ciarán", "Oisín", "José", "Emre",
    ];

    public static readonly string[] Female =
    [
        "Sarah", "Emma", "Laura", "Rebecca", "Gemma", "Kelly", "Lisa", "Nicola", "Amy", "Hannah",
        "Charlotte", "Jessica", "Sophie", "Chloe", "Danielle", "Stacey", "Jade", "Leanne", "Natalie", "Samantha",
        "Michelle", "Claire", "Donna", "Karen", "Tracey", "Joanne", "Louise", "Zoë", "Siân", "Chloë",
        "Renée", "Aoife", "Niamh", "Anna", "Agnieszka", "Zofia", "Ioana", "Fatima", "Aisha", "Shanice",
    ];

    public static readonly string[] Neutral = ["Alex", "Sam", "Charlie", "Jo", "Robin", "Frankie", "Jesse", "Morgan", "Riley", "Taylor"];

    public static readonly string[] Surnames =
    [
        "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas", "Johnson",
        "Roberts", "Robinson", "Thompson", "Wright", "Walker", "White", "Edwards", "Hughes", "Green", "Hall",
        "Lewis", "Harris", "Clarke", "Patel", "Jackson", "Wood", "Turner", "Martin", "Cooper", "Hill",
        "Ward", "Morris", "Moore", "Clark", "Lee", "King", "Baker", "Harrison", "Morgan", "Allen",
        "James", "Scott", "Phillips", "Watson", "Davis", "Parker", "Price", "Bennett", "Young", "Griffiths",
        "Mitchell", "Kelly", "Cook", "Carter", "Richardson", "Bailey", "Collins", "Bell", "Shaw", "Murphy",
        "Miller", "Cox", "Richards", "Khan", "Marshall", "Anderson", "Simpson", "Ellis", "Adams", "Singh",
        "Begum", "Wilkinson", "Foster", "Chapman", "Powell", "Webb", "Rogers", "Gray", "Mason", "Ali",
        "Hunt", "Hussain", "Campbell", "Matthews", "Owen", "Palmer", "Holmes", "Mills", "Barnes", "Knight",
        "O'Brien", "O'Connor", "O'Neill", "D'Souza", "McDonald", "Nowak", "Kowalski", "Mensah", "Okafor", "Núñez",
        "Ó Briain", "Lloyd-Jones", "Smith-Hughes", "Ahmed", "Rahman", "Nguyen", "Popescu", "Yılmaz", "Grant", "Reid",
    ];

    /// <summary>ASCII form for e-mail local parts: diacritics folded, everything but letters dropped.</summary>
    public static string Ascii(string name)
    {
        Span<char> buffer = stackalloc char[name.Length];
        var length = 0;
        foreach (var ch in name)
        {
            var folded = ch switch
            {
                'ë' or 'é' or 'è' => 'e',
                'â' or 'á' => 'a',
                'í' or 'ı' => 'i',
                'ó' or 'Ó' => 'o',
                'ú' => 'u',
                'ñ' => 'n',
                'Ł' or 'ł' => 'l',
                _ => char.ToLowerInvariant(ch),
            };
            if (folded is >= 'a' and <= 'z') buffer[length++] = folded;
        }
        return new string(buffer[..length]);
    }
}
