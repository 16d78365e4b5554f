using System.Linq;
using System.Text;

namespace LocalModels.Reporting;

/// <summary>Text from runs made safe for GitHub-flavoured Markdown: it reads as written and cannot become markup.</summary>
internal static class MarkdownText
{
    // Characters that start emphasis, strike-through, links, code, inline HTML, entities or table cells, and the
    // backslash itself. Brackets are escaped, so "(" can never follow a link text and is left alone.
    private const string Special = "\\`*_[]<>|~&";

    /// <summary>One table cell: markup characters backslash-escaped, line breaks folded into spaces.</summary>
    public static string Cell(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n') { escaped.Append(' '); continue; }
            if (Special.IndexOf(c) >= 0) escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>A fence longer than any backtick run in the text, so the text cannot close its code block early.</summary>
    public static string Fence(string text)
    {
        int longest = 0, run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            if (run > longest) longest = run;
        }
        return new string('`', System.Math.Max(3, longest + 1));
    }

    /// <summary>A link destination for the &lt;...&gt; form inside a table: nothing in it can end the link or the cell.</summary>
    public static string Destination(string uri) =>
        uri.Replace("|", "%7C").Replace("<", "%3C").Replace(">", "%3E")
            .Replace(" ", "%20").Replace("\r", "").Replace("\n", "").Replace("\\", "/");

    /// <summary>A table row of already-escaped cells.</summary>
    public static string Row(params string[] cells) => "| " + string.Join(" | ", cells) + " |";

    public static string Header(params string[] headers) =>
        Row(headers.Select(Cell).ToArray()) + "\n" + Row(headers.Select(_ => "---").ToArray());
}
