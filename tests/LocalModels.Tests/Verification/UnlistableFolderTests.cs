using System;
using LocalModels.Tests.Hosting;
using System.IO;
using System.Linq;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Verification;

/// <summary>
/// A repository with a folder that opens but fails while it is listed (procfs here; a cloud-storage or network mount
/// that times out elsewhere) is still indexed: the deliverable is checked against the rest, never lost with an
/// error. Imported sessions are checked against their working folder, which can be a home folder or "/".
/// </summary>
public sealed class UnlistableFolderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("lm-unlistable-").FullName;
    private const string Why = "this test needs Linux and root to mount /proc/1 in a repository.";
    private bool _mounted;

    public void Dispose()
    {
        if (_mounted) RootCommand.Run(Why, "umount", "-l", Path.Combine(_root, "pid1"));
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void A_folder_that_fails_while_it_is_listed_leaves_the_rest_of_the_repository_checked()
    {
        File.WriteAllText(Path.Combine(_root, "package.json"), "{\"scripts\":{\"test\":\"node --test\"}}");
        Directory.CreateDirectory(Path.Combine(_root, "src"));
        File.WriteAllText(Path.Combine(_root, "src", "cli.ts"), "");
        // /proc/1 holds map_files, which opens and then refuses to be read ("reading directory: Permission denied").
        Directory.CreateDirectory(Path.Combine(_root, "pid1"));
        RootCommand.Run(Why, "mount", "--bind", "/proc/1", Path.Combine(_root, "pid1"));
        _mounted = true;

        var verification = DeliverableVerifier.VerifyContent("Run `npm test`. The entry point is `src/cli.ts`; see `docs/missing.md`.\n", _root, "CLAUDE.md");

        Assert.True(verification.Exists);
        Assert.Equal(new[] { "docs/missing.md" }, verification.Hallucinations.Select(h => h[(h.LastIndexOf(' ') + 1)..]));
    }
}
