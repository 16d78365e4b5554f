using System;
using System.IO;
using LocalModels.Verification;

namespace LocalModels.Tests.Verification;

/// <summary>A repository written file by file into a temp directory, removed on Dispose.</summary>
internal sealed class ScratchRepository : IDisposable
{
    public ScratchRepository(params (string Path, string Content)[] files)
    {
        Root = Directory.CreateTempSubdirectory("lm-eco-").FullName;
        foreach (var (path, content) in files) Write(path, content);
    }

    public string Root { get; }

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    /// <summary>The problems the check finds in <paramref name="markdown"/>.</summary>
    public DeliverableVerification Check(string markdown) => DeliverableVerifier.VerifyContent(markdown, Root, "CLAUDE.md");

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
