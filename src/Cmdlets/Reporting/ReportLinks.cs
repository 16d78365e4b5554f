using System;
using System.IO;

namespace LocalModels.Reporting;

/// <summary>Links from a report to the files beside it: relative when they share a root, so the folder can move.</summary>
internal static class ReportLinks
{
    /// <summary>A percent-escaped URI reference to <paramref name="path"/>, or null when the path is not a usable file path.</summary>
    public static string? To(string reportDirectory, string path)
    {
        if (string.IsNullOrWhiteSpace(path)) return null;
        try
        {
            var target = new Uri(Path.GetFullPath(path));
            var directory = Path.GetFullPath(reportDirectory);
            if (!directory.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)) directory += Path.DirectorySeparatorChar;
            var relative = new Uri(directory).MakeRelativeUri(target);
            // Only file: URIs or relative references leave here; nothing a model wrote can become "javascript:".
            if (relative.IsAbsoluteUri) return relative.Scheme == Uri.UriSchemeFile ? relative.AbsoluteUri : null;
            var reference = relative.OriginalString;
            // A first segment with a colon ("javascript:x") would read as a scheme: "./" keeps it a path.
            var firstSegment = reference.Split('/')[0];
            return firstSegment.IndexOf(':') >= 0 ? "./" + reference : reference;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or UriFormatException or PathTooLongException)
        {
            return null;
        }
    }
}
