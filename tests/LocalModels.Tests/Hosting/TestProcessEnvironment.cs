using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace LocalModels.Tests.Hosting;

/// <summary>
/// Gives every process the tests start a home of its own. Claude Code's Bash tool sources the user's shell rc
/// files; on a machine whose ~/.bashrc runs `pyenv init`, a shell killed by a timeout test can leave pyenv's lock
/// behind, and every later shell then waits 60 s for it. A fresh empty home keeps the runs independent of the
/// machine's profile (and keeps Claude Code's config out of the real ~/.claude).
/// </summary>
internal static class TestProcessEnvironment
{
    [ModuleInitializer]
    internal static void UseAnEmptyHome()
    {
        var home = Path.Combine(Path.GetTempPath(), "localmodels-test-home-" + Environment.ProcessId);
        Directory.CreateDirectory(home);
        Environment.SetEnvironmentVariable("HOME", home);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { Directory.Delete(home, recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        };
    }
}
