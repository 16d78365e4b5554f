using System;
using System.IO;
using LocalModels.Platform;
using Xunit;

namespace LocalModels.Tests.Platform;

/// <summary>
/// A folder's listing rules a name out only when the folder was listed and the name is not in it as an entry of the
/// kind asked for that is not a link; anything else is left to a real lookup.
/// </summary>
public sealed class FolderContentsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localmodels-folders-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string At(string name) => Path.Combine(_root, name);

    [Fact]
    public void Files_and_folders_listed_are_held_and_others_are_ruled_out()
    {
        File.WriteAllText(At("run.meta.json"), "{}");
        Directory.CreateDirectory(At("session"));
        var folders = new FolderContents();

        Assert.True(folders.MightHold(At("run.meta.json"), isDirectory: false));
        Assert.True(folders.MightHold(At("session"), isDirectory: true));
        Assert.False(folders.MightHold(At("other.meta.json"), isDirectory: false));
        Assert.False(folders.MightHold(At("other-session"), isDirectory: true));
        // The kind counts: a folder is no file and a file no folder.
        Assert.False(folders.MightHold(At("session"), isDirectory: false));
        Assert.False(folders.MightHold(At("run.meta.json"), isDirectory: true));
    }

    [Fact]
    public void Links_are_ruled_out()
    {
        var target = Directory.CreateTempSubdirectory("localmodels-folders-target-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(target, "file"), "{}");
            File.CreateSymbolicLink(At("linked.meta.json"), Path.Combine(target, "file"));
            Directory.CreateSymbolicLink(At("linked-session"), target);
            var folders = new FolderContents();

            Assert.False(folders.MightHold(At("linked.meta.json"), isDirectory: false));
            Assert.False(folders.MightHold(At("linked-session"), isDirectory: true));
        }
        finally
        {
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public void A_folder_that_cannot_be_listed_rules_nothing_out()
    {
        var folders = new FolderContents();

        Assert.True(folders.MightHold(Path.Combine(At("missing"), "run.meta.json"), isDirectory: false));
        Assert.True(folders.MightHold("run.meta.json", isDirectory: false));
        Assert.True(folders.MightHold("", "run.meta.json", isDirectory: false));
    }

    [Fact]
    public void A_name_in_another_case_is_left_to_a_lookup()
    {
        // macOS and Windows folders ignore case: a lookup there would find it.
        File.WriteAllText(At("Run.Meta.Json"), "{}");

        Assert.True(new FolderContents().MightHold(At("run.meta.json"), isDirectory: false));
    }

    [Fact]
    public void Each_folder_is_listed_once_per_import()
    {
        var folders = new FolderContents();
        Assert.False(folders.MightHold(At("late.meta.json"), isDirectory: false));
        File.WriteAllText(At("late.meta.json"), "{}");

        // Listed before the file was written: the import's view of its folders does not change under it.
        Assert.False(folders.MightHold(At("late.meta.json"), isDirectory: false));
        Assert.True(new FolderContents().MightHold(At("late.meta.json"), isDirectory: false));
    }

    [Fact]
    public void A_folder_with_no_file_of_an_ending_rules_every_such_name_out()
    {
        File.WriteAllText(At("session.jsonl"), "{}");
        Directory.CreateDirectory(At("folder.meta.json"));
        Directory.CreateDirectory(At("elsewhere"));
        File.WriteAllText(Path.Combine(At("elsewhere"), "Run.META.json"), "{}");
        var folders = new FolderContents();

        // A folder of that name is no such file; another case of the ending is left to a lookup.
        Assert.False(folders.MightHoldFileEndingWith(_root, ".meta.json"));
        Assert.True(folders.MightHoldFileEndingWith(At("elsewhere"), ".meta.json"));
        Assert.True(folders.MightHoldFileEndingWith(_root, ".jsonl"));
        Assert.True(folders.MightHoldFileEndingWith(At("missing"), ".meta.json"));
        Assert.True(folders.MightHoldFileEndingWith("", ".meta.json"));
        // Asked again (the answer is kept), and after a file is written: the listing stands for the import.
        File.WriteAllText(At("late.meta.json"), "{}");
        Assert.False(folders.MightHoldFileEndingWith(_root, ".meta.json"));
        Assert.True(new FolderContents().MightHoldFileEndingWith(_root, ".meta.json"));
    }
}
