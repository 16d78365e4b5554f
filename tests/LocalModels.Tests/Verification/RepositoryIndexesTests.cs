using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Verification;

/// <summary>
/// One import walks each repository once: every session checked against the same folder shares its index, also
/// when several are checked at once, and checking a deliverable against a shared index gives what a fresh one gives.
/// </summary>
public sealed class RepositoryIndexesTests : IDisposable
{
    private readonly ScratchRepository _repository = new(
        ("package.json", "{\"scripts\":{\"test\":\"node --test\",\"build\":\"tsc\"}}"),
        ("src/cli.ts", ""),
        ("README.md", "# tool"));

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Sessions_in_the_same_folder_share_one_walk_even_at_once()
    {
        var indexes = new RepositoryIndexes();

        var found = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(8)
            .Select(i => indexes.For(i % 2 == 0 ? _repository.Root : _repository.Root + Path.DirectorySeparatorChar + "src" + Path.DirectorySeparatorChar + ".."))
            .ToList();

        Assert.Single(found.Distinct());
    }

    [Fact]
    public void A_shared_index_checks_a_deliverable_as_a_fresh_one_does()
    {
        var indexes = new RepositoryIndexes();
        const string Deliverable = "Run `npm test` and `npm run lint`. The CLI is `src/cli.ts`; docs in `docs/guide.md`.\n";

        var fresh = DeliverableVerifier.VerifyContent(Deliverable, _repository.Root, "CLAUDE.md");
        var shared = Enumerable.Range(0, 8).AsParallel()
            .Select(_ => DeliverableVerifier.VerifyContent(Deliverable, _repository.Root, "CLAUDE.md", indexes)).ToList();

        Assert.NotEmpty(fresh.Hallucinations);
        Assert.All(shared, verification =>
        {
            Assert.Equal(fresh.Hallucinations, verification.Hallucinations);
            Assert.Equal(fresh.Quality!.Grade, verification.Quality!.Grade);
            Assert.Equal(fresh.Quality.Coverage, verification.Quality.Coverage);
        });
    }
}
