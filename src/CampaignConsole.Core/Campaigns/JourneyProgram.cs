using CampaignConsole.Core.Segments;

namespace CampaignConsole.Core.Campaigns;

/// <summary>
/// A campaign's stages flattened into numbered instructions, so a journey's position is one integer
/// that survives restarts: `if` becomes a branch over the then-block with a jump past the else-block.
/// </summary>
public sealed class JourneyProgram
{
    public abstract record Instruction;
    public sealed record Wait(TimeSpan Duration) : Instruction;
    public sealed record Send(SendSpec Spec) : Instruction;
    /// <summary>When the condition fails, continue at <see cref="ElseAt"/>.</summary>
    public sealed record Branch(Rule Condition, int ElseAt) : Instruction;
    public sealed record Jump(int To) : Instruction;

    public IReadOnlyList<Instruction> Instructions { get; }

    private JourneyProgram(List<Instruction> instructions) => Instructions = instructions;

    public static JourneyProgram Compile(IReadOnlyList<Stage> stages)
    {
        var list = new List<Instruction>();
        Emit(stages, list);
        return new JourneyProgram(list);
    }

    private static void Emit(IReadOnlyList<Stage> stages, List<Instruction> list)
    {
        foreach (var stage in stages)
        {
            switch (stage)
            {
                case WaitStage w:
                    list.Add(new Wait(w.Duration));
                    break;
                case SendStage s:
                    list.Add(new Send(s.Send));
                    break;
                case IfStage i:
                    var branchAt = list.Count;
                    list.Add(null!); // patched below once the then-block's length is known
                    Emit(i.Then, list);
                    var jumpAt = list.Count;
                    list.Add(null!);
                    list[branchAt] = new Branch(i.Condition, list.Count);
                    Emit(i.Else, list);
                    list[jumpAt] = new Jump(list.Count);
                    break;
            }
        }
    }
}
