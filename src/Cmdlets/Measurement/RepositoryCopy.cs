using System;
using System.IO;

namespace LocalModels.Measurement;

/// <summary>
/// A disposable copy of the repository under test in a temp directory: the model works there, so the user's
/// repository is never modified, and every run of a sweep starts from the same tree. Disposing deletes it.
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    private RepositoryCopy(string root, string repository)
    {
        Root = root;
        Repository = repository;
        TempDirectory = Path.Combine(root, "tmp");
        Directory.CreateDirectory(TempDirectory);
    }

    /// <summary>The run's scratch root (repository copy and TMPDIR inside).</summary>
    public string Root { get; }

    /// <summary>The copied repository: claude's working directory.</summary>
    public string Repository { get; }

    /// <summary>TMPDIR and CLAUDE_CODE_TMPDIR of the run, so nothing lands in the shared /tmp.</summary>
    public string TempDirectory { get; }

    public static RepositoryCopy Create(string source, string runId)
    {
        var root = Path.Combine(Path.GetTempPath(), "localmodels-" + runId);
        var target = Path.Combine(root, new DirectoryInfo(source).Name);
        CopyDirectory(new DirectoryInfo(source), target);
        return new RepositoryCopy(root, target);
    }

    public void Dispose()
    {
        try
        {
            if (!Directory.Exists(Root)) return;
            // Git object files are read-only, which blocks deletion on Windows.
            foreach (var file in new DirectoryInfo(Root).GetFiles("*", SearchOption.AllDirectories))
                if (file.IsReadOnly) file.IsReadOnly = false;
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (Windows) stays behind in %TEMP%; the measurement is unaffected.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void CopyDirectory(DirectoryInfo source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in source.GetFiles())
            file.CopyTo(Path.Combine(target, file.Name), overwrite: false);
        foreach (var directory in source.GetDirectories())
        {
            // Linked directories are skipped: they can point outside the repository, or loop.
            if ((directory.Attributes & FileAttributes.ReparsePoint) != 0) continue;
            CopyDirectory(directory, Path.Combine(target, directory.Name));
        }
    }
}
