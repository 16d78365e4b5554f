using System.Globalization;
using LocalModels.Errors;

namespace LocalModels.Ollama;

/// <summary>Rules and names for context lengths: positive, named "64k" when a multiple of 1024.</summary>
public static class ContextLength
{
    /// <summary>The working minimum for Claude Code found in the field report (below, models start and then lose the task).</summary>
    public const int RecommendedMinimum = 65536;

    public const string RecommendedMinimumReason =
        "64K was the working minimum; at 32K devstral started, then hallucinated";

    public static void Validate(int contextLength)
    {
        if (contextLength <= 0)
            throw new LocalModelsException("InvalidContextLength", ErrorKind.InvalidArgument,
                $"The context length must be a positive number of tokens, not {contextLength}. Claude Code needs at least {RecommendedMinimum} (64K).",
                contextLength);
    }

    public static void EnsureWithinNative(int contextLength, long? nativeContextLength, string model)
    {
        if (nativeContextLength is { } native && contextLength > native)
            throw new LocalModelsException("ContextLengthAboveNative", ErrorKind.InvalidArgument,
                $"{contextLength} tokens is above the native context of '{model}' ({native} tokens); Ollama would cap it at {native}, and the model was not trained beyond that. Use -ContextLength {native} or less.",
                contextLength);
    }

    /// <summary>"64k" for 65536, "128k" for 131072; the plain number when it is not a multiple of 1024.</summary>
    public static string ShortName(int contextLength) =>
        contextLength % 1024 == 0 ? (contextLength / 1024).ToString(CultureInfo.InvariantCulture) + "k" : contextLength.ToString(CultureInfo.InvariantCulture);
}
