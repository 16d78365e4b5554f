using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using LocalModels.Simulation;

namespace LocalModels.Bench;

/// <summary>What the Measure-ModelRun benchmarks share: a sample repository to measure on and a runspace with the built module.</summary>
internal static class ModuleRunspace
{
    /// <summary>Extracts the sample repository into <paramref name="work"/> and returns its path.</summary>
    public static string SampleRepositoryIn(string work)
    {
        var repository = Path.Combine(work, "wordtally");
        SampleRepository.ExtractTo(repository);
        return repository;
    }

    /// <summary>An open runspace that has imported the module at <paramref name="manifest"/>.</summary>
    public static Runspace Open(string manifest)
    {
        var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
        using var import = PowerShell.Create();
        import.Runspace = runspace;
        import.AddCommand("Import-Module").AddParameter("Name", manifest).Invoke();
        return runspace;
    }
}
