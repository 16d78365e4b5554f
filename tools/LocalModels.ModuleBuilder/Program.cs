using System;
using System.IO;
using LocalModels.ModuleBuilder;

// Usage: LocalModels.ModuleBuilder <module folder> <source manifest> <help sources folder> <version>
// Run by the build (see the .csproj) once LocalModels.csproj has copied the binaries, views and about topics.
if (args.Length != 4)
{
    Console.Error.WriteLine("Usage: LocalModels.ModuleBuilder <module folder> <source manifest> <help sources folder> <version>");
    return 2;
}

var (moduleFolder, sourceManifest, helpSources, version) = (args[0], args[1], args[2], args[3]);
try
{
    var manifestText = File.ReadAllText(sourceManifest);
    var cmdlets = ModuleCommands.Load(Path.Combine(moduleFolder, "LocalModels.dll"), sourceManifest);
    var help = CmdletHelpWriter.Write(cmdlets, helpSources, Console.Error);
    var helpPath = Path.Combine(moduleFolder, "en-US", "LocalModels.dll-Help.xml");
    Directory.CreateDirectory(Path.GetDirectoryName(helpPath)!);
    help.Save(helpPath);
    var manifestPath = Path.Combine(moduleFolder, "LocalModels.psd1");
    File.WriteAllText(manifestPath, ManifestWriter.Write(manifestText, version, ManifestWriter.ModuleFiles(moduleFolder, "LocalModels.psd1")));
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException or System.Management.Automation.RuntimeException)
{
    Console.Error.WriteLine($"LocalModels.ModuleBuilder: {e.Message}");
    return 1;
}
