using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using LocalModels.Errors;
using LocalModels.Platform;

namespace LocalModels.Measurement;

/// <summary>
/// A disposable copy of the repository under test in a temp directory: the model works there, so the user's
/// repository is never modified, and every run of a sweep starts from the same tree. Disposing deletes it.
/// <para>
/// The repository is untrusted. Links are copied as links and never followed: a link whose target stays inside the
/// repository is recreated with a relative target (so it points into the copy, never back at the original); one that
/// leaves the repository (<c>zero -&gt; /dev/zero</c>, <c>up -&gt; ..</c>) is left out; a dangling one is copied as
/// it is. Only regular files are read. The copy stops with a stable error id past a size or time limit, and a
/// partial copy is deleted.
/// </para>
/// </summary>
internal sealed class RepositoryCopy : IDisposable
{
    /// <summary>Prefix of a run's scratch folder in the temp folder: <c>localmodels-&lt;runId&gt;</c>.</summary>
    public const string RootPrefix = "localmodels-";

    /// <summary>File in the scratch folder naming the process that owns the run and the run's marker.</summary>
    public const string OwnerFile = "owner";

    /// <summary>The folder beside the copy that holds the run's own temp and home folders; a repository of this name is copied as <c>&lt;name&gt;-repository</c>.</summary>
    private const string RunFolder = ".localmodels-run";

    private RepositoryCopy(string root, string repository)
    {
        Root = root;
        Repository = repository;
        TempDirectory = Path.Combine(root, RunFolder, "tmp");
        HomeDirectory = Path.Combine(root, RunFolder, "home");
        Directory.CreateDirectory(TempDirectory);
        Directory.CreateDirectory(HomeDirectory);
    }

    /// <summary>The run's scratch root (repository copy, TMPDIR and HOME inside).</summary>
    public string Root { get; }

    /// <summary>The copied repository: claude's working directory.</summary>
    public string Repository { get; }

    /// <summary>TMPDIR and CLAUDE_CODE_TMPDIR of the run, so nothing lands in the shared /tmp.</summary>
    public string TempDirectory { get; }

    /// <summary>
    /// HOME of the run, empty: Claude Code's Bash sources the shell's startup files from HOME (an <c>export
    /// GITHUB_TOKEN=...</c> in ~/.bashrc would reach every command), and tools find credentials there (~/.aws,
    /// ~/.config/gh, ~/.npmrc, ~/.git-credentials).
    /// </summary>
    public string HomeDirectory { get; }

    /// <summary>The scratch folder a run with this id uses.</summary>
    public static string RootFor(string runId) => Path.Combine(Path.GetTempPath(), RootPrefix + runId);

    /// <summary>Copies <paramref name="source"/>; throws RepositoryTooLarge, RepositoryCopyTimedOut or RepositoryCopyFailed.</summary>
    public static RepositoryCopy Create(string source, string runId, long maxBytes, TimeSpan timeLimit, CancellationToken cancellationToken)
    {
        var root = RootFor(runId);
        var sourceRoot = Path.GetFullPath(source).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        var name = new DirectoryInfo(sourceRoot).Name;
        var target = Path.Combine(root, name == RunFolder ? name + "-repository" : name);
        var budget = new CopyBudget(sourceRoot, maxBytes, Stopwatch.StartNew(), timeLimit, cancellationToken, SpecialFiles(sourceRoot, timeLimit));
        try
        {
            // A find that did not finish within the limit has spent it.
            budget.Check();
            Directory.CreateDirectory(root);
            File.WriteAllText(Path.Combine(root, OwnerFile), Process.GetCurrentProcess().Id.ToString(CultureInfo.InvariantCulture));
            CopyDirectory(new DirectoryInfo(sourceRoot), target, budget);
        }
        catch (Exception ex)
        {
            Delete(root);
            if (ex is LocalModelsException or OperationCanceledException) throw;
            if (ex is IOException or UnauthorizedAccessException)
                throw new LocalModelsException("RepositoryCopyFailed", ErrorKind.ReadError,
                    $"Could not copy '{sourceRoot}' for the run: {ex.Message} Fix the file's permissions or remove it from the repository.", sourceRoot, ex);
            throw;
        }
        return new RepositoryCopy(root, target);
    }

    public void Dispose() => Delete(Root);

    /// <summary>Deletes a scratch folder, read-only files included; what cannot be deleted stays behind.</summary>
    public static void Delete(string root)
    {
        try
        {
            if (!Directory.Exists(root)) return;
            // Git object files are read-only, which blocks deletion on Windows. Links are not followed.
            foreach (var file in new DirectoryInfo(root).GetFiles("*", SearchOption.AllDirectories))
                if ((file.Attributes & FileAttributes.ReparsePoint) == 0 && file.IsReadOnly) file.IsReadOnly = false;
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open (Windows) stays behind in %TEMP%; the measurement is unaffected.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void CopyDirectory(DirectoryInfo source, string target, CopyBudget budget)
    {
        Directory.CreateDirectory(target);
        foreach (var entry in source.EnumerateFileSystemInfos())
        {
            budget.Check();
            var destination = Path.Combine(target, entry.Name);
            if ((entry.Attributes & FileAttributes.ReparsePoint) != 0) CopyLink(entry, destination, budget);
            else if (entry is DirectoryInfo directory) CopyDirectory(directory, destination, budget);
            else if (entry is FileInfo file) CopyFile(file, destination, budget);
        }
    }

    private static void CopyFile(FileInfo file, string destination, CopyBudget budget)
    {
        // Devices, pipes and sockets are not regular files: reading one can block or never end.
        if (budget.IsSpecial(file.FullName)) return;
        budget.Add(file.Length, file.FullName);
        file.CopyTo(destination, overwrite: false);
    }

    private static void CopyLink(FileSystemInfo link, string destination, CopyBudget budget)
    {
        if (link.LinkTarget is not { } linkTarget) return;
        var directory = Path.GetDirectoryName(link.FullName)!;
        var resolved = Path.GetFullPath(Path.Combine(directory, linkTarget));
        if (!budget.Inside(resolved)) return;
        var relative = RelativePath(directory, resolved);
        try
        {
            if (link is DirectoryInfo) Directory.CreateSymbolicLink(destination, relative);
            else File.CreateSymbolicLink(destination, relative);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Windows without the right to create links: the link is left out, never followed.
        }
    }

    /// <summary>
    /// Files in the tree that are neither regular files, folders nor links, found with one <c>find</c> (Unix). .NET
    /// reports a pipe or a device as an ordinary file, and opening a pipe for reading blocks. <c>find</c> gets the
    /// copy's whole time limit; its complaints about unreadable folders are drained, so a tree full of them cannot
    /// block it.
    /// </summary>
    private static HashSet<string> SpecialFiles(string root, TimeSpan timeLimit)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (Path.DirectorySeparatorChar == '\\') return found;
        var arguments = new CliWrap.Builders.ArgumentsBuilder().Add(new[] { root, "!", "-type", "f", "!", "-type", "d", "!", "-type", "l", "-print0" }).Build();
        if (Claude.ProcessOutput.Read("find", arguments, timeLimit) is { } output)
            foreach (var path in output.Split(new[] { '\0' }, StringSplitOptions.RemoveEmptyEntries)) found.Add(path);
        return found;
    }

    private static string RelativePath(string fromDirectory, string to)
    {
        var from = fromDirectory.Split(new[] { Path.DirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
        var target = to.Split(new[] { Path.DirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);
        var common = 0;
        while (common < from.Length && common < target.Length && from[common] == target[common]) common++;
        var parts = Enumerable.Repeat("..", from.Length - common).Concat(target.Skip(common)).ToList();
        return parts.Count == 0 ? "." : string.Join(Path.DirectorySeparatorChar.ToString(), parts);
    }

    /// <summary>The copy's limits: bytes copied, time spent, Ctrl+C; and what counts as inside the repository.</summary>
    private sealed class CopyBudget
    {
        private readonly string _root;
        private readonly long _maxBytes;
        private readonly Stopwatch _clock;
        private readonly TimeSpan _timeLimit;
        private readonly CancellationToken _cancellationToken;
        private readonly HashSet<string> _special;
        private long _bytes;

        public CopyBudget(string root, long maxBytes, Stopwatch clock, TimeSpan timeLimit, CancellationToken cancellationToken, HashSet<string> special)
        {
            _special = special;
            _root = root;
            _maxBytes = maxBytes;
            _clock = clock;
            _timeLimit = timeLimit;
            _cancellationToken = cancellationToken;
        }

        public bool IsSpecial(string path) => _special.Contains(path);

        public bool Inside(string path) => PathContainment.IsWithin(path, _root);

        public void Check()
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (_clock.Elapsed > _timeLimit)
                throw new LocalModelsException("RepositoryCopyTimedOut", ErrorKind.OperationTimeout,
                    $"Copying '{_root}' for the run took longer than {_timeLimit}. Measure a smaller repository, or a clean checkout of it.", _root);
        }

        public void Add(long bytes, string path)
        {
            _bytes += bytes;
            if (_bytes > _maxBytes)
                throw new LocalModelsException("RepositoryTooLarge", ErrorKind.LimitsExceeded,
                    $"'{_root}' holds more than {_maxBytes / (1024 * 1024)} MB (reached at '{path}'); each run copies it. Measure a clean checkout without build output, or raise the limit with -MaxRepositorySize.", _root);
        }
    }
}
