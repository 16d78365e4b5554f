using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Platform;

namespace LocalModels.Reporting;

/// <summary>
/// One model's deliverable (its CLAUDE.md) as the report shows it: the text of its best run, capped, and the names
/// in it that do not exist in the repository. The text is a model's output: writers must escape all of it.
/// </summary>
internal sealed class ReportDeliverable
{
    /// <summary>Enough for any real CLAUDE.md; a model that writes megabytes still gets a readable page.</summary>
    public const int MaxBytes = 64 * 1024;

    private ReportDeliverable(ModelRun run, string? text, bool truncated)
    {
        Run = run;
        Text = text;
        Truncated = truncated;
        Invented = run.HallucinationList.Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries)
            .Select(name => name.Trim()).Where(name => name.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        Marked = text is null ? Array.Empty<string>() : Invented.Select(problem => NameIn(problem, text)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    public ModelRun Run { get; }
    public string Model => Run.Model;
    /// <summary>Null when the file is no longer where the run kept it.</summary>
    public string? Text { get; }
    public bool Truncated { get; }
    /// <summary>What the verifier found wrong, as it says it ("missing file src/app.py").</summary>
    public IReadOnlyList<string> Invented { get; }
    /// <summary>The invented names as they stand in the text ("src/app.py"), to mark where they occur.</summary>
    public IReadOnlyList<string> Marked { get; }

    /// <summary>Per model, the run whose deliverable best shows what the model can do: completed, best graded, fewest inventions.</summary>
    public static IReadOnlyList<ReportDeliverable> Of(IEnumerable<ModelSummary> models) =>
        models.Select(model => model.Runs.Where(r => r.DeliverableExists && r.DeliverablePath.Length > 0)
                .OrderByDescending(r => r.Completed).ThenByDescending(r => r.Quality).ThenBy(r => r.Hallucinations)
                .ThenBy(r => r.StartTime).FirstOrDefault())
            .Where(run => run is not null)
            .Select(run => Read(run!))
            .ToList();

    /// <summary>
    /// Where the text is: the run's own path, else the copy Measure-ModelRun keeps beside the trace
    /// (&lt;runId&gt;.CLAUDE.md), which is where an imported run's deliverable lives once its repository copy is gone.
    /// Neither is read through a link: a copied results folder whose r1.CLAUDE.md points at a key file would otherwise
    /// put the key in a report you publish.
    /// </summary>
    private static string? Locate(ModelRun run)
    {
        try
        {
            if (run.DeliverablePath.Length > 0 && ContentFile.ExistsUnlinked(run.DeliverablePath)) return run.DeliverablePath;
            if (run.TracePath.Length == 0 || run.RunId.Length == 0) return null;
            var kept = Path.Combine(Path.GetDirectoryName(run.TracePath) ?? "", run.RunId + "." + Path.GetFileName(run.DeliverablePath));
            return ContentFile.ExistsUnlinked(kept) ? kept : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static ReportDeliverable Read(ModelRun run)
    {
        if (Locate(run) is not { } path) return new ReportDeliverable(run, null, truncated: false);
        try
        {
            // A report is also read with cat: what the model wrote shows, its control characters do not act.
            var text = TerminalText.Safe(ContentFile.ReadText(path, MaxBytes, out var truncated));
            return new ReportDeliverable(run, text, truncated);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new ReportDeliverable(run, null, truncated: false);
        }
    }

    /// <summary>The text cut into plain and invented pieces, so a writer can mark each invented name where it stands.</summary>
    public IEnumerable<(string Text, bool Invented)> Segments()
    {
        var text = Text ?? "";
        var position = 0;
        while (position < text.Length)
        {
            var (index, name) = NextInvented(text, position);
            if (index < 0)
            {
                yield return (text.Substring(position), false);
                yield break;
            }
            if (index > position) yield return (text.Substring(position, index - position), false);
            yield return (name!, true);
            position = index + name!.Length;
        }
    }

    /// <summary>
    /// The longest tail of a problem's words that the text contains: the verifier names the thing after saying what
    /// is wrong with it ("undefined script npm run dev"), and a note in brackets may follow.
    /// </summary>
    private static string? NameIn(string problem, string text)
    {
        var bracket = problem.IndexOf(" (", StringComparison.Ordinal);
        var words = (bracket > 0 ? problem.Substring(0, bracket) : problem).Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        for (var start = 0; start < words.Length; start++)
        {
            var tail = string.Join(" ", words, start, words.Length - start);
            if (text.IndexOf(tail, StringComparison.Ordinal) >= 0) return tail;
        }
        return null;
    }

    private (int Index, string? Name) NextInvented(string text, int from)
    {
        var best = (Index: -1, Name: (string?)null);
        foreach (var name in Marked)
        {
            var index = text.IndexOf(name, from, StringComparison.Ordinal);
            if (index < 0) continue;
            // Earliest wins; at the same place the longer name, so "src/a/b.py" is not marked as "src/a".
            if (best.Index < 0 || index < best.Index || (index == best.Index && name.Length > best.Name!.Length))
                best = (index, name);
        }
        return best;
    }
}
