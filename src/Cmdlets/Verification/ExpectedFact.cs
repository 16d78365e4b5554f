using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace LocalModels.Verification;

/// <summary>
/// One thing a good deliverable for the repository says, as a reader sees it ("test command: npm test"), with the
/// ways of saying it: any of <see cref="Mentions"/> found in the deliverable covers it.
/// </summary>
internal sealed record ExpectedFact(string Label, IReadOnlyList<Regex> Mentions)
{
    public bool IsMentionedIn(string content) => Mentions.Any(m => m.IsMatch(content));

    /// <summary>A mention pattern: the words in order, separated by any blank, not inside a longer word.</summary>
    public static Regex Words(params string[] words) =>
        new($@"(?<![\w-]){string.Join(@"\s+", words.Select(Regex.Escape))}(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>A folder mentioned as a folder: "src/", `src`, "src folder" or "src directory".</summary>
    public static Regex Folder(string folder) =>
        new($@"(?<![\w.-]){Regex.Escape(folder)}/|`/?{Regex.Escape(folder)}/?`|(?<![\w.-]){Regex.Escape(folder)}\s+(folder|directory|dir)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <summary>A file mentioned by its name or its path.</summary>
    public static Regex File(string name) =>
        new($@"(?<![\w-]){Regex.Escape(name)}(?![\w-])", RegexOptions.CultureInvariant);
}
