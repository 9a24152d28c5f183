using System.Text.Json;
using CampaignConsole.Core.Campaigns;
using CampaignConsole.Core.Segments;

namespace CampaignConsole.Core.Tests.Campaigns;

public class JourneyProgramTests
{
    private static readonly Rule IsGold = new AttributeRule("plan", CompareOp.Eq, JsonSerializer.SerializeToElement("gold"));

    private static SendStage Send(string body) => new(new SendSpec("inbox", null, null, body, null, null, null));

    [Fact]
    public void Straight_stages_compile_to_one_instruction_each_in_order()
    {
        var program = JourneyProgram.Compile([new WaitStage(TimeSpan.FromHours(1)), Send("a")]);

        Assert.Collection(program.Instructions,
            i => Assert.Equal(new JourneyProgram.Wait(TimeSpan.FromHours(1)), i),
            i => Assert.Equal("a", Assert.IsType<JourneyProgram.Send>(i).Spec.Body));
    }

    [Fact]
    public void If_then_else_becomes_a_branch_over_then_with_a_jump_past_else()
    {
        var program = JourneyProgram.Compile([
            Send("before"),
            new IfStage(IsGold, [Send("then1"), Send("then2")], [Send("else1")]),
            Send("after"),
        ]);

        // 0 send before | 1 branch(else at 5) | 2 then1 | 3 then2 | 4 jump 6 | 5 else1 | 6 after
        var i = program.Instructions;
        Assert.Equal(7, i.Count);
        Assert.Equal("before", Assert.IsType<JourneyProgram.Send>(i[0]).Spec.Body);
        var branch = Assert.IsType<JourneyProgram.Branch>(i[1]);
        Assert.Same(IsGold, branch.Condition);
        Assert.Equal(5, branch.ElseAt);
        Assert.Equal("then1", Assert.IsType<JourneyProgram.Send>(i[2]).Spec.Body);
        Assert.Equal("then2", Assert.IsType<JourneyProgram.Send>(i[3]).Spec.Body);
        Assert.Equal(new JourneyProgram.Jump(6), i[4]);
        Assert.Equal("else1", Assert.IsType<JourneyProgram.Send>(i[5]).Spec.Body);
        Assert.Equal("after", Assert.IsType<JourneyProgram.Send>(i[6]).Spec.Body);
    }

    [Fact]
    public void An_empty_then_block_branches_straight_to_its_jump()
    {
        var program = JourneyProgram.Compile([new IfStage(IsGold, [], [Send("else")])]);

        Assert.Collection(program.Instructions,
            i => Assert.Equal(2, Assert.IsType<JourneyProgram.Branch>(i).ElseAt),
            i => Assert.Equal(new JourneyProgram.Jump(3), i),
            i => Assert.IsType<JourneyProgram.Send>(i));
    }

    [Fact]
    public void An_empty_else_block_jumps_to_the_end()
    {
        var program = JourneyProgram.Compile([new IfStage(IsGold, [Send("then")], [])]);

        Assert.Collection(program.Instructions,
            i => Assert.Equal(3, Assert.IsType<JourneyProgram.Branch>(i).ElseAt),
            i => Assert.IsType<JourneyProgram.Send>(i),
            i => Assert.Equal(new JourneyProgram.Jump(3), i));
    }

    [Fact]
    public void Nested_ifs_point_at_their_own_blocks()
    {
        var inner = new IfStage(IsGold, [Send("inner-then")], [Send("inner-else")]);
        var program = JourneyProgram.Compile([new IfStage(IsGold, [inner], [Send("outer-else")]), Send("end")]);

        // 0 branch(else 6) | 1 branch(else 4) | 2 inner-then | 3 jump 5 | 4 inner-else | 5 jump 7 | 6 outer-else | 7 end
        var i = program.Instructions;
        Assert.Equal(8, i.Count);
        Assert.Equal(6, Assert.IsType<JourneyProgram.Branch>(i[0]).ElseAt);
        Assert.Equal(4, Assert.IsType<JourneyProgram.Branch>(i[1]).ElseAt);
        Assert.Equal(new JourneyProgram.Jump(5), i[3]);
        Assert.Equal(new JourneyProgram.Jump(7), i[5]);
        Assert.Equal("outer-else", Assert.IsType<JourneyProgram.Send>(i[6]).Spec.Body);
        Assert.Equal("end", Assert.IsType<JourneyProgram.Send>(i[7]).Spec.Body);
        Assert.DoesNotContain(null, i);
    }
}
