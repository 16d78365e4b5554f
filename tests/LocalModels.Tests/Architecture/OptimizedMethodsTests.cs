using System.Linq;
using System.Reflection;
using LocalModels.Commands;
using LocalModels.Compilation;
using Xunit;

namespace LocalModels.Tests.Architecture;

/// <summary>The warm-up the module starts on import compiles every method marked to be compiled optimized at once: the per-line reader and the classifier's character scans, and only they.</summary>
public sealed class OptimizedMethodsTests
{
    [Fact]
    public void Every_method_marked_optimized_is_compiled_ahead_of_its_first_call()
    {
        var assembly = typeof(ModuleInitializer).Assembly;
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var marked = assembly.GetTypes()
            .SelectMany(type => type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all & ~BindingFlags.Static)))
            .Where(method => (method.MethodImplementationFlags & (MethodImplAttributes)512) != 0)
            .ToList();

        // The trace reader and the tokenizer are marked: the warm-up has real work to do.
        Assert.Contains(marked, method => method.DeclaringType!.Name == "JsonLine" && method.Name == "Tokenize");
        Assert.Contains(marked, method => method.DeclaringType!.Name == "TraceReader");
        Assert.Contains(marked, method => method.DeclaringType!.Name == "JsonNode" && method.IsConstructor);
        // The classifier ships compiled ahead of time (a marked method is left out of that image), but for its scans of
        // every character of a run's texts: those are marked too.
        var classifier = marked.Where(method => method.DeclaringType!.Namespace == "LocalModels.Classification").Select(method => $"{method.DeclaringType!.Name}.{method.Name}").ToList();
        Assert.Equal(
            new[] { "TextPatterns.LooksLikeDocument", "TextPatterns.MayNameRepositoryThings", "TextPatterns.MayRefuse", "ToolNarration.Find", "ToolNarration.FindAtMentions", "ToolNarration.NextMention" },
            classifier.Order(System.StringComparer.Ordinal));
        // None is generic, so none is left to its first call; and compiling each of them succeeds (a failure stops the count).
        Assert.DoesNotContain(marked, method => method.ContainsGenericParameters || method.DeclaringType!.ContainsGenericParameters);
        Assert.Equal(marked.Count, OptimizedMethods.Compile(ModuleInitializer.OptimizedTypes));
        // The warm-up looks in the types it names (and those nested in them) alone: each marked method is declared there.
        Assert.All(marked, method => Assert.Contains(ModuleInitializer.OptimizedTypes, type => Declares(type, method.DeclaringType!)));
    }

    private static bool Declares(System.Type listed, System.Type declaring) =>
        declaring == listed || declaring.DeclaringType is { } outer && Declares(listed, outer);
}
