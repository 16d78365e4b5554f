using System;
using System.IO;

namespace LocalModels.Tests.Classification;

/// <summary>A small copy of jupyterlab-latex's layout (the field report's test repository) in a temp directory.</summary>
public sealed class JupyterLabLatexRepository : IDisposable
{
    public JupyterLabLatexRepository()
    {
        Root = Path.Combine(Path.GetTempPath(), "lm-repo-" + Guid.NewGuid().ToString("N"));
        Write("README.md", "# jupyterlab-latex\n\njlpm run build\n");
        Write("package.json", "{\"name\":\"@jupyterlab/latex\",\"scripts\":{\"build\":\"tsc\",\"watch\":\"tsc -w\",\"clean\":\"rimraf lib\"}}");
        Write("pyproject.toml", "[build-system]\nrequires = [\"hatchling\"]\n");
        Write("setup.py", "import setuptools\n");
        Write("tsconfig.json", "{}");
        Write("Makefile", "docs:\n\techo docs\n.PHONY: docs\nlint test: deps\n\techo\n");
        Write("src/index.ts", "export default {};\n");
        Write("style/index.css", "");
        Write("jupyterlab_latex/__init__.py", "");
        Write("jupyterlab_latex/build.py", "class LatexBuildHandler: pass\n");
        Write("jupyterlab_latex/synctex.py", "def synctex_view(): pass\n");
    }

    public string Root { get; }

    public void Write(string relative, string content)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public void Dispose()
    {
        try { Directory.Delete(Root, true); } catch (IOException) { }
    }
}
