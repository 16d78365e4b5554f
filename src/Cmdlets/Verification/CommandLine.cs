using System;
using System.Collections.Generic;
using System.Linq;

namespace LocalModels.Verification;

/// <summary>
/// One command the deliverable tells people to run: its words, and the folder it runs in (from a preceding
/// <c>cd</c> on the same line, relative to the repository root; "" for the root).
/// </summary>
internal sealed record CommandLine(IReadOnlyList<string> Words, string Directory)
{
    public string Runner => Words[0];

    /// <summary>The words after the runner that are not options, skipping the value of each option in <paramref name="optionsWithValue"/>.</summary>
    public List<string> Positionals(int start, params string[] optionsWithValue)
    {
        var result = new List<string>();
        for (var i = start; i < Words.Count; i++)
        {
            var word = Words[i];
            if (word == "--") break;
            if (word.StartsWith("-", StringComparison.Ordinal))
            {
                if (optionsWithValue.Contains(word)) i++;
                continue;
            }
            result.Add(word);
        }
        return result;
    }

    /// <summary>Every value given to one of <paramref name="options"/>, as "-o v", "--opt=v" or (single-letter) "-ov".</summary>
    public List<string> Values(params string[] options)
    {
        var result = new List<string>();
        for (var i = 0; i < Words.Count; i++)
        {
            var word = Words[i];
            if (word == "--") break;
            foreach (var option in options)
            {
                if (word == option && i + 1 < Words.Count) result.Add(Words[i + 1]);
                else if (word.StartsWith(option + "=", StringComparison.Ordinal)) result.Add(word.Substring(option.Length + 1));
                else if (option.Length == 2 && option[0] == '-' && word.Length > 2 && word.StartsWith(option, StringComparison.Ordinal) && word[1] != '-') result.Add(word.Substring(2));
            }
        }
        return result;
    }

    /// <summary>A claim's name with the folder it runs in, so "make html" at the root and in docs/ are two claims.</summary>
    public static string In(string text, string directory) => directory.Length == 0 ? text : $"{text} (in {directory}/)";

    public bool Has(params string[] flags) => Words.TakeWhile(w => w != "--").Any(flags.Contains);
}
