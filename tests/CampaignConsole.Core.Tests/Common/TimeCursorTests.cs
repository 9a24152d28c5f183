using CampaignConsole.Core.Common;

namespace CampaignConsole.Core.Tests.Common;

public class TimeCursorTests
{
    [Fact]
    public void Cursor_round_trips_through_its_text()
    {
        var cursor = new TimeCursor(new DateTime(2026, 11, 23, 12, 34, 56, 789, DateTimeKind.Utc).AddTicks(1234), 42);

        Assert.True(TimeCursor.TryParse(cursor.ToString(), out var parsed));
        Assert.Equal(cursor, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Timestamp.Kind);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("junk")]
    [InlineData("123")]
    [InlineData("123.")]
    [InlineData(".5")]
    [InlineData("1.2.3")]
    [InlineData("abc.5")]
    [InlineData("5.abc")]
    [InlineData("-1.5")]
    [InlineData("3155378976000000000.5")]
    [InlineData("99999999999999999999.5")]
    public void Junk_is_not_a_cursor(string? text)
    {
        Assert.False(TimeCursor.TryParse(text, out _));
    }
}
