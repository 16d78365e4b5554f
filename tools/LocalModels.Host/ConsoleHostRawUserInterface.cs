using System;
using System.Management.Automation.Host;

namespace LocalModels.Host;

/// <summary>A fixed-width console surface: wide enough that table views are not truncated in logs.</summary>
internal sealed class ConsoleHostRawUserInterface : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get; set; } = new(200, 3000);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 1;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(200, 100);
    public override Size MaxWindowSize => new(200, 100);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(200, 50);
    public override string WindowTitle { get; set; } = "LocalModels";
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
