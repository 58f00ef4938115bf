using System.Globalization;
using KeyProjects.Domain.Common;
using KeyProjects.Domain.Progress;
using KeyProjects.Web.Infrastructure;

namespace KeyProjects.Web.Features.Reports;

/// <summary>The phone form of a monthly report, as typed: amounts with or without thousands separators, in 万元.</summary>
public sealed class ReportForm
{
    public string? MonthCompleted { get; set; }
    public string? YtdCompleted { get; set; }
    public string? SinceStartCompleted { get; set; }
    public string? FundsCentral { get; set; }
    public string? FundsProvincial { get; set; }
    public string? FundsLocal { get; set; }
    public string? FundsBankLoan { get; set; }
    public string? FundsSelfRaised { get; set; }
    public string? FundsOther { get; set; }
    public string? StartStatus { get; set; }
    public string? StopReason { get; set; }
    public string? Workers { get; set; }
    public string? ImageProgress { get; set; }
    public string? StatisticalYtd { get; set; }
    public string? Version { get; set; }
    /// <summary>"save" or "submit".</summary>
    public string? Action { get; set; }

    public int? VersionNumber => int.TryParse(Version, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;

    public static readonly (string Field, FundSource Source)[] FundFields =
    [
        ("Funds.Central", FundSource.Central), ("Funds.Provincial", FundSource.Provincial), ("Funds.Local", FundSource.Local),
        ("Funds.BankLoan", FundSource.BankLoan), ("Funds.SelfRaised", FundSource.SelfRaised), ("Funds.Other", FundSource.Other),
    ];

    public string? FundText(FundSource s) => s switch
    {
        FundSource.Central => FundsCentral,
        FundSource.Provincial => FundsProvincial,
        FundSource.Local => FundsLocal,
        FundSource.BankLoan => FundsBankLoan,
        FundSource.SelfRaised => FundsSelfRaised,
        _ => FundsOther,
    };

    public (ReportInput Input, List<DomainError> Errors) ToInput()
    {
        var errors = new List<DomainError>();
        decimal? Money(string field, string? text)
        {
            if (Infrastructure.FormValues.TryAmount(text, out var v)) return v;
            errors.Add(new FieldInvalid(field, "Error.NotANumber"));
            return null;
        }
        T? Choice<T>(string field, string? text) where T : struct, Enum
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            if (Enum.TryParse<T>(text, out var v) && Enum.IsDefined(v) && !int.TryParse(text, out _)) return v;
            errors.Add(new FieldInvalid(field, "Error.ValueUnknown"));
            return null;
        }
        int? workers = null;
        if (!string.IsNullOrWhiteSpace(Workers))
        {
            if (int.TryParse(Workers.Trim().Replace(",", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) workers = n;
            else errors.Add(new FieldInvalid(nameof(Workers), "Error.NotANumber"));
        }
        var input = new ReportInput
        {
            MonthCompleted = Money(nameof(MonthCompleted), MonthCompleted),
            YtdCompleted = Money(nameof(YtdCompleted), YtdCompleted),
            SinceStartCompleted = Money(nameof(SinceStartCompleted), SinceStartCompleted),
            FundsMonth = new Funds(
                Money("Funds.Central", FundsCentral) ?? 0, Money("Funds.Provincial", FundsProvincial) ?? 0, Money("Funds.Local", FundsLocal) ?? 0,
                Money("Funds.BankLoan", FundsBankLoan) ?? 0, Money("Funds.SelfRaised", FundsSelfRaised) ?? 0, Money("Funds.Other", FundsOther) ?? 0),
            StartStatus = Choice<StartStatus>(nameof(StartStatus), StartStatus) ?? Domain.Progress.StartStatus.Started,
            StopReason = Choice<StopReason>(nameof(StopReason), StopReason),
            Workers = workers,
            ImageProgress = ImageProgress,
            StatisticalYtd = Money(nameof(StatisticalYtd), StatisticalYtd),
        };
        return (input, errors);
    }

    /// <summary>The fields of a posted form (multipart or urlencoded), by name.</summary>
    public static ReportForm From(IFormCollection f) => new()
    {
        MonthCompleted = f[nameof(MonthCompleted)], YtdCompleted = f[nameof(YtdCompleted)], SinceStartCompleted = f[nameof(SinceStartCompleted)],
        FundsCentral = f[nameof(FundsCentral)], FundsProvincial = f[nameof(FundsProvincial)], FundsLocal = f[nameof(FundsLocal)],
        FundsBankLoan = f[nameof(FundsBankLoan)], FundsSelfRaised = f[nameof(FundsSelfRaised)], FundsOther = f[nameof(FundsOther)],
        StartStatus = f[nameof(StartStatus)], StopReason = f[nameof(StopReason)], Workers = f[nameof(Workers)], ImageProgress = f[nameof(ImageProgress)],
        StatisticalYtd = f[nameof(StatisticalYtd)], Version = f[nameof(Version)], Action = f[nameof(Action)],
    };

    /// <summary>Photos of a posted form ("photos") paired with the browser's thumbnails ("thumbnails") when there is one each.</summary>
    public static List<Photos.PhotoInput> PhotosOf(IFormCollection f)
    {
        var photos = f.Files.GetFiles("photos").Where(x => x.Length > 0 || !string.IsNullOrEmpty(x.FileName)).ToList();
        var thumbs = f.Files.GetFiles("thumbnails").Where(x => x.Length > 0).ToList();
        var paired = thumbs.Count == photos.Count;
        return photos.Select((p, i) => new Photos.PhotoInput(p.OpenReadStream(), p.Length,
            paired ? thumbs[i].OpenReadStream() : null, paired ? thumbs[i].Length : null)).ToList();
    }

    public static ReportForm From(MonthlyReport r)
    {
        static string D(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture);
        static string? Z(decimal v) => v == 0 ? null : D(v);
        return new ReportForm
        {
            MonthCompleted = D(r.MonthCompleted),
            YtdCompleted = D(r.YtdCompleted),
            SinceStartCompleted = D(r.SinceStartCompleted),
            FundsCentral = Z(r.FundsCentral),
            FundsProvincial = Z(r.FundsProvincial),
            FundsLocal = Z(r.FundsLocal),
            FundsBankLoan = Z(r.FundsBankLoan),
            FundsSelfRaised = Z(r.FundsSelfRaised),
            FundsOther = Z(r.FundsOther),
            StartStatus = r.StartStatus.ToString(),
            StopReason = r.StopReason?.ToString(),
            Workers = r.Workers?.ToString(CultureInfo.InvariantCulture),
            ImageProgress = r.ImageProgress,
            StatisticalYtd = r.StatisticalYtd is { } s ? D(s) : null,
            Version = r.Version.ToString(CultureInfo.InvariantCulture),
        };
    }
}

/// <summary>A review action posted from the report page.</summary>
public sealed class ReviewForm
{
    public string? Action { get; set; }
    public string? Reason { get; set; }
    public int Version { get; set; }

    public static ReviewForm Read(IFormCollection f) => new() { Action = f.Text(nameof(Action)), Reason = f.Text(nameof(Reason)), Version = f.Int(nameof(Version)) };
}
