using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace LocalModels.Simulation.Behaviors;

/// <summary>
/// The scripted behaviours a simulator knows: the built-in ones (Behaviors/*.json, embedded as
/// LocalModels.Behaviors.&lt;name&gt;.json) plus any added at run time, and the catalogue models they declare.
/// </summary>
public sealed class BehaviorLibrary
{
    /// <summary>The behaviour that answers for models that name none (plain catalogue models).</summary>
    public const string DefaultBehavior = "explorer";

    private const string ResourcePrefix = "LocalModels.Behaviors.";
    private static readonly Lazy<IReadOnlyList<BehaviorDefinition>> BuiltInDefinitions = new(LoadEmbedded);
    private readonly ConcurrentDictionary<string, BehaviorDefinition> _behaviors = new(StringComparer.OrdinalIgnoreCase);

    public BehaviorLibrary(IEnumerable<BehaviorDefinition> behaviors)
    {
        foreach (var behavior in behaviors) Add(behavior);
    }

    /// <summary>A library holding every built-in behaviour.</summary>
    public static BehaviorLibrary LoadBuiltIn() => new(BuiltInDefinitions.Value);

    public IReadOnlyList<BehaviorDefinition> Behaviors => _behaviors.Values.OrderBy(b => b.Name, StringComparer.Ordinal).ToList();

    public IReadOnlyList<string> Names => Behaviors.Select(b => b.Name).ToList();

    public void Add(BehaviorDefinition behavior) => _behaviors[behavior.Name] = behavior;

    public bool TryGet(string name, out BehaviorDefinition behavior) => _behaviors.TryGetValue(name, out behavior!);

    /// <summary>The behaviour for a catalogue model: the one it names, else the default explorer.</summary>
    public BehaviorDefinition For(SimulatedModel model) =>
        model.Behavior is { Length: > 0 } name && TryGet(name, out var named) ? named
        : TryGet(DefaultBehavior, out var fallback) ? fallback
        : throw new InvalidOperationException($"No behaviour '{model.Behavior ?? DefaultBehavior}' is loaded in the simulator.");

    /// <summary>Adds every model the behaviours declare to the catalogue, bound to its behaviour.</summary>
    public void SeedCatalog(SimulatorCatalog catalog)
    {
        foreach (var behavior in Behaviors)
        {
            foreach (var declared in behavior.Models)
                catalog.Add(ToSimulatedModel(declared, behavior.Name));
        }
    }

    public static SimulatedModel ToSimulatedModel(BehaviorModel declared, string behaviorName)
    {
        var name = SimulatorCatalog.NormalizeName(declared.Name);
        return new SimulatedModel
        {
            Name = name,
            Family = declared.Family,
            Architecture = declared.Family,
            ParameterSize = declared.ParameterSize,
            QuantizationLevel = declared.QuantizationLevel,
            SizeBytes = declared.SizeBytes,
            Digest = Sha256Hex(name),
            Capabilities = new List<string>(declared.Capabilities),
            NativeContextLength = declared.NativeContextLength,
            CpuPercent = declared.CpuPercent,
            Parameters = new Dictionary<string, string>(declared.Parameters, StringComparer.Ordinal),
            Behavior = behaviorName,
        };
    }

    private static IReadOnlyList<BehaviorDefinition> LoadEmbedded()
    {
        var assembly = typeof(BehaviorLibrary).Assembly;
        var definitions = new List<BehaviorDefinition>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).OrderBy(n => n, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            try
            {
                definitions.Add(BehaviorDefinition.FromJson(reader.ReadToEnd()));
            }
            catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException)
            {
                throw new InvalidOperationException($"The built-in behaviour {resource} is malformed: {ex.Message}", ex);
            }
        }
        return definitions;
    }

    private static string Sha256Hex(string text)
    {
        using var sha = SHA256.Create();
        return string.Concat(sha.ComputeHash(Encoding.UTF8.GetBytes(text)).Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }
}
