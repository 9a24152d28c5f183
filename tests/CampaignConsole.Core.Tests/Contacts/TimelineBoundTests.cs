using CampaignConsole.Core.Contacts;

namespace CampaignConsole.Core.Tests.Contacts;

public class TimelineBoundTests
{
    [Fact]
    public void Bound_round_trips_through_its_text()
    {
        var bound = new TimelineBound(new DateTime(2026, 11, 23, 8, 0, 0, DateTimeKind.Utc).AddTicks(7), "event", 99);

        var parsed = TimelineBound.Parse(bound.ToString());

        Assert.Equal(bound, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.At.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("junk")]
    [InlineData("1.event")]
    [InlineData("1.event.2.3")]
    [InlineData("x.event.2")]
    [InlineData("1.event.x")]
    [InlineData("-1.event.2")]
    [InlineData("3155378976000000000.event.2")]
    public void Junk_is_not_a_bound(string? text)
    {
        Assert.Null(TimelineBound.Parse(text));
    }

    [Fact]
    public void Same_kind_continues_below_the_id_at_the_same_time()
    {
        var bound = new TimelineBound(DateTime.UnixEpoch, "event", 10);

        Assert.Equal((true, 10L), bound.For("event"));
    }

    [Fact]
    public void Kinds_ordered_after_the_bound_keep_all_entries_at_the_same_time()
    {
        var bound = new TimelineBound(DateTime.UnixEpoch, "event", 10);

        Assert.Equal((true, (long?)null), bound.For("message"));
    }

    [Fact]
    public void Kinds_ordered_before_the_bound_were_already_shown_at_that_time()
    {
        var bound = new TimelineBound(DateTime.UnixEpoch, "message", 10);

        Assert.Equal((false, (long?)null), bound.For("event"));
    }
}
