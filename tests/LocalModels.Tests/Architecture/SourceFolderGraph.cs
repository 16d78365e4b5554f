using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LocalModels.Tests.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LocalModels.Tests.Architecture;

/// <summary>
/// Which top-level folder of src/Cmdlets refers to which, from the code itself rather than from using directives:
/// the sources are bound by the compiler, every type is placed in the folder of the file that declares it (so the
/// output types in the root namespace count too), and each name in a file that binds to a type from another folder
/// is an edge. Comments, strings and member names that merely look like a type are not.
/// </summary>
internal sealed class SourceFolderGraph
{
    public static string SourceRoot { get; } = Path.Combine(RepositoryPaths.Root, "src", "Cmdlets");

    private static readonly Lazy<SourceFolderGraph> Shared = new(Build);

    private SourceFolderGraph(IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> edges, IReadOnlyCollection<string> folders)
    {
        Edges = edges;
        Folders = folders;
    }

    public static SourceFolderGraph Current => Shared.Value;

    /// <summary>Folder → folders it refers to → "file: Type" examples of the references.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Edges { get; }

    public IReadOnlyCollection<string> Folders { get; }

    /// <summary>Top-level folder of a source file; files directly in src/Cmdlets belong to "(root)".</summary>
    public static string FolderOf(string path)
    {
        var relative = Path.GetRelativePath(SourceRoot, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return relative.Length > 1 ? relative[0] : "(root)";
    }

    /// <summary>Groups of folders that refer to each other, directly or through others (Tarjan's components).</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles() => FindCycles(Folders, folder =>
        Edges.TryGetValue(folder, out var targets) ? targets.Keys : Enumerable.Empty<string>());

    public static IReadOnlyList<IReadOnlyList<string>> FindCycles(IEnumerable<string> nodes, Func<string, IEnumerable<string>> next)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var cycles = new List<IReadOnlyList<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var target in next(node))
            {
                if (!index.ContainsKey(target))
                {
                    Visit(target);
                    low[node] = Math.Min(low[node], low[target]);
                }
                else if (onStack.Contains(target)) low[node] = Math.Min(low[node], index[target]);
            }
            if (low[node] != index[node]) return;
            var component = new List<string>();
            string member;
            do
            {
                member = stack.Pop();
                onStack.Remove(member);
                component.Add(member);
            } while (member != node);
            if (component.Count > 1) cycles.Add(component.OrderBy(name => name, StringComparer.Ordinal).ToList());
        }

        foreach (var node in nodes.OrderBy(name => name, StringComparer.Ordinal))
            if (!index.ContainsKey(node)) Visit(node);
        return cycles;
    }

    private static SourceFolderGraph Build()
    {
        var files = Directory.EnumerateFiles(SourceRoot, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .ToList();
        var options = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = files.Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), options, path)).ToList();
        var compilation = CSharpCompilation.Create("LocalModels.Architecture", trees, References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var edges = new Dictionary<string, Dictionary<string, SortedSet<string>>>(StringComparer.Ordinal);
        foreach (var tree in trees)
        {
            var from = FolderOf(tree.FilePath);
            var model = compilation.GetSemanticModel(tree);
            foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
            {
                var symbol = model.GetSymbolInfo(name).Symbol;
                var type = symbol switch
                {
                    INamedTypeSymbol named => named.OriginalDefinition,
                    IMethodSymbol { MethodKind: MethodKind.Constructor } constructor => constructor.ContainingType.OriginalDefinition,
                    IMethodSymbol { IsExtensionMethod: true } extension => extension.ContainingType.OriginalDefinition,
                    _ => null,
                };
                var declaration = type?.DeclaringSyntaxReferences.FirstOrDefault();
                if (declaration is null) continue;
                var to = FolderOf(declaration.SyntaxTree.FilePath);
                if (to == from) continue;
                if (!edges.TryGetValue(from, out var targets)) edges[from] = targets = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
                if (!targets.TryGetValue(to, out var examples)) targets[to] = examples = new SortedSet<string>(StringComparer.Ordinal);
                examples.Add($"{Path.GetRelativePath(SourceRoot, tree.FilePath)}: {type!.Name}");
            }
        }
        var folders = trees.Select(tree => FolderOf(tree.FilePath)).Distinct(StringComparer.Ordinal).ToList();
        return new SourceFolderGraph(
            edges.ToDictionary(pair => pair.Key, pair => (IReadOnlyDictionary<string, IReadOnlyList<string>>)pair.Value.ToDictionary(
                target => target.Key, target => (IReadOnlyList<string>)target.Value.ToList(), StringComparer.Ordinal), StringComparer.Ordinal),
            folders);
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = Path.GetRelativePath(SourceRoot, path).Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    /// <summary>
    /// This runtime's assemblies plus the module's own dependencies (PowerShell, CliWrap): enough for every type name
    /// in the sources to bind. Names that do not bind are not module types, so a missing reference cannot hide an edge.
    /// </summary>
    private static IEnumerable<MetadataReference> References()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var dependencies = new[] { typeof(System.Management.Automation.PSCmdlet).Assembly.Location, typeof(CliWrap.Cli).Assembly.Location };
        return platform.Concat(dependencies)
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
    }
}
