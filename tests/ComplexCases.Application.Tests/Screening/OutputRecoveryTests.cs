using ComplexCases.Application.Screening;

namespace ComplexCases.Application.Tests.Screening;

/// <summary>
/// What a run killed after its commit left in the output folder is finished by the next start: staged files of a stored
/// run are moved into place, anything else is dropped, and no staging folder stays behind.
/// </summary>
public sealed class OutputRecoveryTests : IDisposable
{
    private readonly string _out = Path.Combine(Path.GetTempPath(), "complexcases-recover-" + Guid.NewGuid().ToString("N"));

    public OutputRecoveryTests()
    {
        Directory.CreateDirectory(Path.Combine(_out, "lists"));
        File.WriteAllText(Path.Combine(_out, "lists", "OLD.csv"), "august");
        File.WriteAllText(Path.Combine(_out, "screening.json"), "august");
    }

    public void Dispose() => Directory.Delete(_out, recursive: true);

    [Fact]
    public void Recover_StagedFilesOfAStoredRun_AreMovedIntoPlace()
    {
        var staging = Stage(marker: "7\nabc\n2024-09-01\n");
        OutputWriter.StagedRun? asked = null;

        OutputWriter.Recover(_out, run => { asked = run; return true; });

        asked.ShouldBe(new OutputWriter.StagedRun(7, "abc", new DateOnly(2024, 9, 1)));
        Directory.Exists(staging).ShouldBeFalse();
        Directory.GetFiles(Path.Combine(_out, "lists")).Select(Path.GetFileName).ShouldBe(["NEW.csv"]);
        File.ReadAllText(Path.Combine(_out, "screening.json")).ShouldBe("september");
    }

    [Fact]
    public void Recover_StagedFilesOfARunNeverStored_AreDroppedAndTheOutputKept()
    {
        var staging = Stage(marker: "7\nabc\n2024-09-01\n");

        OutputWriter.Recover(_out, _ => false);

        Directory.Exists(staging).ShouldBeFalse();
        Directory.GetFiles(Path.Combine(_out, "lists")).Select(Path.GetFileName).ShouldBe(["OLD.csv"]);
        File.ReadAllText(Path.Combine(_out, "screening.json")).ShouldBe("august");
    }

    [Fact]
    public void Recover_StagingWithoutItsMark_IsDropped()
    {
        var staging = Stage(marker: null);

        OutputWriter.Recover(_out, _ => throw new InvalidOperationException("a staging folder without its mark belongs to no run"));

        Directory.Exists(staging).ShouldBeFalse();
        File.ReadAllText(Path.Combine(_out, "screening.json")).ShouldBe("august");
    }

    [Fact]
    public void Recover_MoveInterruptedHalfWay_IsFinished()
    {
        // The lists had been moved when the run was killed; screening.json had not.
        var staging = Stage(marker: "7\nabc\n2024-09-01\n");
        Directory.Delete(Path.Combine(_out, "lists"), recursive: true);
        Directory.Move(Path.Combine(staging, "lists"), Path.Combine(_out, "lists"));

        OutputWriter.Recover(_out, _ => true);

        Directory.Exists(staging).ShouldBeFalse();
        Directory.GetFiles(Path.Combine(_out, "lists")).Select(Path.GetFileName).ShouldBe(["NEW.csv"]);
        File.ReadAllText(Path.Combine(_out, "screening.json")).ShouldBe("september");
    }

    private string Stage(string? marker)
    {
        var staging = Path.Combine(_out, ".staging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(staging, "lists"));
        File.WriteAllText(Path.Combine(staging, "lists", "NEW.csv"), "september");
        File.WriteAllText(Path.Combine(staging, "screening.json"), "september");
        File.WriteAllText(Path.Combine(staging, "rejected.csv"), "file,line,column,reason,value\n");
        if (marker is not null) File.WriteAllText(Path.Combine(staging, ".run"), marker);
        return staging;
    }
}
