using Testbed.Blissdata.Search;
using F = Testbed.Blissdata.Search.ScanFilter;

namespace Testbed.Blissdata.Tests.Search;

/// <summary>FT.SEARCH query strings of §9.1 (checklist 48 as strings) and the same matching done client-side.</summary>
public class SearchQueryTests
{
    [Test]
    public void No_filter_is_a_star() => Assert.That(SearchQuery.Build([]), Is.EqualTo("*"));

    [Test]
    public void Checklist_48_queries_as_strings()
    {
        Assert.That(SearchQuery.Build([F.Dataset("dataset")]), Is.EqualTo("@id_dataset:{dataset}"));
        Assert.That(SearchQuery.Build([F.Dataset("dataset1")]), Is.EqualTo("@id_dataset:{dataset1}"));
        Assert.That(SearchQuery.Build([F.Dataset("dataset1*")]), Is.EqualTo("@id_dataset:{dataset1*}"));
        Assert.That(SearchQuery.Build([F.Number(0), F.Session("session0")]), Is.EqualTo("(@id_number:[0 0] @id_session:{session0})"));
        Assert.That(SearchQuery.Build([F.Number(1), F.Session("session0")]), Is.EqualTo("(@id_number:[1 1] @id_session:{session0})"));
        Assert.That(SearchQuery.Build([F.Dataset("dataset1*"), F.Session("session0")]), Is.EqualTo("(@id_dataset:{dataset1*} @id_session:{session0})"));
        Assert.That(SearchQuery.Build([F.Dataset("dataset*"), F.Session("session*")]), Is.EqualTo("(@id_dataset:{dataset*} @id_session:{session*})"));
    }

    [Test]
    public void Punctuation_and_space_are_escaped_but_not_star_underscore_bar_backslash()
    {
        Assert.That(SearchQuery.Build([F.Path("/data/a.h5")]), Is.EqualTo(@"@id_path:{\/data\/a\.h5}"));
        Assert.That(SearchQuery.Escape(",.<>{}[]\"':;!@#$%^&()-+=~?/ "), Is.EqualTo(@"\,\.\<\>\{\}\[\]\""\'\:\;\!\@\#\$\%\^\&\(\)\-\+\=\~\?\/\ "));
        Assert.That(SearchQuery.Escape(@"a_b|c\d*"), Is.EqualTo(@"a_b|c\d*"));
    }

    [Test]
    public void Wildcards_only_as_prefix_suffix_or_infix()
    {
        Assert.That(() => SearchQuery.Build([F.Name("ab*cd")]), Throws.ArgumentException.With.Message.Contains("prefix"));
        Assert.That(() => SearchQuery.Build([F.Name("*")]), Throws.ArgumentException);
        Assert.That(SearchQuery.Build([F.Name("*abc*")]), Is.EqualTo("@id_name:{*abc*}"));
        Assert.That(() => SearchQuery.Build([new F("colour", "x")]), Throws.ArgumentException.With.Message.Contains("identity field"));
    }

    [Test]
    public void Client_side_matching_follows_TAG_semantics()
    {
        var id = new Testbed.Blissdata.Documents.ScanIdentity("ascan", 3, "ESRF") { Dataset = "Dataset12", Session = "s0", Path = null };
        Assert.That(SearchQuery.Matches(id, [F.Dataset("dataset12")]), Is.True, "tags are case-insensitive");
        Assert.That(SearchQuery.Matches(id, [F.Dataset("dataset1")]), Is.False);
        Assert.That(SearchQuery.Matches(id, [F.Dataset("dataset1*")]), Is.True);
        Assert.That(SearchQuery.Matches(id, [F.Dataset("*12")]), Is.True);
        Assert.That(SearchQuery.Matches(id, [F.Dataset("*set1*")]), Is.True);
        Assert.That(SearchQuery.Matches(id, [F.Number(3), F.Session("s0")]), Is.True);
        Assert.That(SearchQuery.Matches(id, [F.Number(4), F.Session("s0")]), Is.False);
        Assert.That(SearchQuery.Matches(id, [F.Path("/x*")]), Is.False, "null fields match nothing");
    }
}
