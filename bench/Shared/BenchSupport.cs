using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LocalModels.Bench;

/// <summary>What every benchmark program needs: the repository it runs from, a failure exit, a median.</summary>
internal static class BenchSupport
{
    /// <summary>The folder holding LocalModels.sln above the running program.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            if (File.Exists(Path.Combine(folder.FullName, "LocalModels.sln"))) return folder.FullName;
        throw new InvalidOperationException("Run the benchmark from the repository (LocalModels.sln not found above the program).");
    }

    /// <summary>Prints the reason and returns the exit code of a benchmark that could not run.</summary>
    public static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 1;
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(value => value).ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
