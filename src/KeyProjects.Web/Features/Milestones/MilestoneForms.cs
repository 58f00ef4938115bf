using System.Globalization;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Milestones;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Milestones;

/// <summary>A milestone form as posted: text, kept as typed so that a refused form comes back unchanged.</summary>
public sealed class MilestoneForm
{
    public string? Name { get; set; }
    public string? Owner { get; set; }
    public string? PlannedDate { get; set; }
    public string? ActualDate { get; set; }
    public string? SortOrder { get; set; }
    public string? Note { get; set; }
    public string? ReasonCode { get; set; }
    public string? ReasonNote { get; set; }
    public string? Version { get; set; }

    public static MilestoneForm From(IFormCollection f) => new()
    {
        Name = f["Name"], Owner = f["Owner"], PlannedDate = f["PlannedDate"], ActualDate = f["ActualDate"], SortOrder = f["SortOrder"],
        Note = f["Note"], ReasonCode = f["ReasonCode"], ReasonNote = f["ReasonNote"], Version = f["Version"],
    };

    public static MilestoneForm From(Milestone m) => new()
    {
        Name = m.Name, Owner = m.Owner, PlannedDate = Display.Date(m.PlannedDate), ActualDate = Display.Date(m.ActualDate),
        SortOrder = m.SortOrder.ToString(CultureInfo.InvariantCulture), Note = m.Note, Version = m.Version.ToString(CultureInfo.InvariantCulture),
    };

    public int? VersionNumber => int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The draft and reason the form holds, and the fields it could not read.</summary>
    public (MilestoneDraft Draft, DateChangeReason? Reason, List<DomainError> Errors) Read()
    {
        var errors = new List<DomainError>();
        DateOnly? Date(string field, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add(new FieldInvalid(field, "Error.NotADate"));
            return null;
        }
        var order = 0;
        if (!string.IsNullOrWhiteSpace(SortOrder) && !int.TryParse(SortOrder.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out order))
            errors.Add(new FieldInvalid(nameof(SortOrder), "Error.Milestone.SortOrderRange", 0, MilestoneRules.MaxSortOrder));
        MilestoneChangeReason? code = null;
        if (!string.IsNullOrWhiteSpace(ReasonCode))
        {
            if (Enum.TryParse<MilestoneChangeReason>(ReasonCode, out var c) && Enum.IsDefined(c) && !int.TryParse(ReasonCode, out _)) code = c;
            else errors.Add(new FieldInvalid(nameof(ReasonCode), "Error.ValueUnknown"));
        }
        var draft = new MilestoneDraft
        {
            Name = Name ?? "",
            Owner = Owner,
            PlannedDate = Date(nameof(PlannedDate), PlannedDate),
            ActualDate = Date(nameof(ActualDate), ActualDate),
            SortOrder = order,
            Note = Note,
        };
        return (draft, code is null && string.IsNullOrWhiteSpace(ReasonNote) ? null : new DateChangeReason(code, ReasonNote), errors);
    }
}

/// <summary>The twelve cells of the monthly plan as typed (万元; empty means 0).</summary>
public sealed class MonthlyPlanForm
{
    public string?[] Months { get; set; } = new string?[MonthlyPlanRules.Months];
    public string? Version { get; set; }

    public static MonthlyPlanForm From(IFormCollection f)
    {
        var form = new MonthlyPlanForm { Version = f["Version"] };
        for (var m = 1; m <= MonthlyPlanRules.Months; m++) form.Months[m - 1] = f[MonthlyPlanRules.FieldOf(m)];
        return form;
    }

    public static MonthlyPlanForm From(IReadOnlyList<decimal> amounts, long version) => new()
    {
        Months = amounts.Select(a => (string?)Display.Invariant(a)).ToArray(),
        Version = version.ToString(CultureInfo.InvariantCulture),
    };

    public long? VersionNumber => long.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    /// <summary>The amounts, with a thousands separator allowed as typed; a cell that is not a number is reported at its month.</summary>
    public (decimal[] Amounts, List<DomainError> Errors) Read()
    {
        var amounts = new decimal[MonthlyPlanRules.Months];
        var errors = new List<DomainError>();
        for (var i = 0; i < MonthlyPlanRules.Months; i++)
        {
            if (Infrastructure.FormValues.TryAmount(Months.ElementAtOrDefault(i), out var v)) amounts[i] = v ?? 0;
            else errors.Add(new FieldInvalid(MonthlyPlanRules.FieldOf(i + 1), "Error.NotANumber"));
        }
        return (amounts, errors);
    }
}
