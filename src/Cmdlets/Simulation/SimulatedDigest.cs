using System.Security.Cryptography;
using System.Text;

namespace LocalModels.Simulation;

/// <summary>Stable, realistic-looking sha256 digests derived from a seed text (a model name, a layer role).</summary>
public static class SimulatedDigest
{
    public static string For(string seed)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(seed));
        var builder = new StringBuilder(64);
        foreach (var b in hash) builder.Append(b.ToString("x2"));
        return builder.ToString();
    }
}
