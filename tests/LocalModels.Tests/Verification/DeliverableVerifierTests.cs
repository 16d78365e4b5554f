using System.IO;
using LocalModels.Tests.Classification;
using LocalModels.Verification;
using Xunit;

namespace LocalModels.Tests.Verification;

/// <summary>The deliverable check: invented paths and commands are reported, ordinary markdown is not.</summary>
public sealed class DeliverableVerifierTests : System.IDisposable
{
    private readonly JupyterLabLatexRepository _repository = new();

    public void Dispose() => _repository.Dispose();

    private DeliverableVerification Check(string markdown) => DeliverableVerifier.VerifyContent(markdown, _repository.Root, "CLAUDE.md");

    [Fact]
    public void Invented_files_directories_and_scripts_are_listed_readably()
    {
        var result = Check("# CLAUDE.md\n\nThe toolbar is in `src/components/Toolbar.tsx`; the API in /backend/ and frontend/src/app.ts.\n\n```bash\nnpm run dev\njlpm run build\npython jupyterlab_latex/build_all.py\nmake docs\nmake release\n```\n");
        Assert.Equal(new[]
        {
            "missing file src/components/Toolbar.tsx", "missing file frontend/src/app.ts", "missing directory backend/",
            "missing file jupyterlab_latex/build_all.py", "undefined script npm run dev", "undefined make target make release",
        }, result.Hallucinations);
        Assert.Equal(11, result.Lines);
        // Every distinct path and command counts once, whether it holds or not: jlpm run build and make docs hold.
        Assert.Equal(8, result.ClaimsChecked);
    }

    [Fact]
    public void Claims_are_counted_once_and_unchecked_tokens_not_at_all()
    {
        var result = Check("`setup.py` and `setup.py` again, `src/index.ts`, `text/plain`, https://example.com/a/b.py, `**/*.ts`\n\n```sh\nmake docs\nmake docs\n```\n");
        Assert.Empty(result.Hallucinations);
        Assert.Equal(3, result.ClaimsChecked);
    }

    [Fact]
    public void Urls_globs_versions_abbreviations_packages_and_existing_paths_are_not_reported()
    {
        var result = Check(
            "# Notes\n\nSee https://github.com/jupyterlab/jupyterlab-latex/blob/main/README.md and www.example.com/docs.\n" +
            "Files matching `**/*.ts` or `src/*.tsx`, e.g. the plugin; i.e. `@jupyterlab/application` v4.2.0, ^3.1, Node.js and TCP/IP and/or more.\n" +
            "Existing: `src/index.ts`, `jupyterlab_latex/`, `./setup.py`, `jupyterlab_latex/build.py:42`, `build.py`, `package.json`, `style/`.\n" +
            "Built output goes to `lib/` and `node_modules/.bin`; the MIME type is `text/plain`; `~/.jupyter/config.py`; `/usr/bin/xelatex`.\n" +
            "```bash\njlpm install\njlpm run watch\npip install -e \".[dev]\"\npython -m pytest\nmake lint\nyarn add foo\n```\n");
        Assert.Empty(result.Hallucinations);
    }

    [Fact]
    public void Commands_without_the_build_file_that_would_define_them_say_so()
    {
        var result = Check("```\njust test\ntox -e py311\nnox -s lint\npython -m jupyterlab_latex.nope\n```\n");
        Assert.Equal(new[]
        {
            "undefined just recipe just test (no justfile)", "undefined tox env tox -e py311", "undefined nox session nox -s lint",
            "missing module python -m jupyterlab_latex.nope",
        }, result.Hallucinations);
    }

    [Fact]
    public void Defined_recipes_envs_and_sessions_pass()
    {
        _repository.Write("justfile", "test:\n    pytest\n");
        _repository.Write("tox.ini", "[tox]\nenvlist = py311, lint\n");
        _repository.Write("noxfile.py", "@nox.session\ndef lint(session):\n    pass\n");
        var result = Check("```\njust test\ntox -e py311\nnox -s lint\npython -m jupyterlab_latex.build\n```\n");
        Assert.Empty(result.Hallucinations);
    }

    [Fact]
    public void A_missing_deliverable_file_is_reported_as_not_existing()
    {
        var result = DeliverableVerifier.Verify(Path.Combine(_repository.Root, "CLAUDE.md"), _repository.Root);
        Assert.False(result.Exists);
        Assert.Equal(0, result.Lines);
    }

    [Fact]
    public void A_deliverable_on_disk_is_read_and_checked()
    {
        _repository.Write("CLAUDE.md", "Run `yarn start`.\n");
        var result = DeliverableVerifier.Verify(Path.Combine(_repository.Root, "CLAUDE.md"), _repository.Root);
        Assert.True(result.Exists);
        Assert.Equal(1, result.Lines);
        Assert.Equal(new[] { "undefined script yarn start" }, result.Hallucinations);
    }
}
