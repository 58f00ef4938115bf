using KeyProjects.Domain.Projects;

namespace KeyProjects.Domain.Ledger;

/// <summary>
/// The words of the province's key-project ledger. Excel files are official ledgers exchanged with the province,
/// so they are written in these words in every UI language (docs/decisions/003-excel-ledger-format.md); import also
/// accepts the variants other counties use (项目编码 for 项目代码, 总投资 for 计划总投资 …).
/// </summary>
public static class LedgerVocabulary
{
    /// <summary>The header the export writes for each column; <see cref="LedgerColumn.AnnualPlan"/> is prefixed with the year.</summary>
    public static string HeaderOf(LedgerColumn column, int? year = null) => column switch
    {
        LedgerColumn.Seq => "序号",
        LedgerColumn.Code => "项目代码",
        LedgerColumn.Name => "项目名称",
        LedgerColumn.Org => "所属地区",
        LedgerColumn.Location => "建设地点",
        LedgerColumn.Content => "建设规模及内容",
        LedgerColumn.TotalInvestment => "计划总投资(万元)",
        LedgerColumn.AnnualPlan => year is { } y ? $"{y}年计划投资(万元)" : "年度计划投资(万元)",
        LedgerColumn.PlannedStart => "计划开工时间",
        LedgerColumn.PlannedCompletion => "计划竣工时间",
        LedgerColumn.ResponsibleUnit => "责任单位",
        LedgerColumn.Leader => "包保责任领导",
        LedgerColumn.UnitName => "项目单位",
        LedgerColumn.Levels => "项目级别",
        LedgerColumn.ConstructionKind => "建设性质",
        LedgerColumn.InvestmentKind => "投资类型",
        LedgerColumn.ManagementCategory => "管理类别",
        LedgerColumn.Sector => "所属行业",
        LedgerColumn.Stage => "项目阶段",
        LedgerColumn.Lists => "所属名单",
        LedgerColumn.ActualStart => "实际开工时间",
        LedgerColumn.ActualCompletion => "实际竣工时间",
        LedgerColumn.StatisticsEntry => "统计入库时间",
        LedgerColumn.ChiefServiceOfficer => "首席服务官",
        LedgerColumn.ApprovalHelper => "帮办人",
        LedgerColumn.SiteMonitor => "盯办人",
        LedgerColumn.UnitHead => "项目单位负责人",
        LedgerColumn.ContactName => "联系人",
        LedgerColumn.ContactPhone => "联系电话",
        LedgerColumn.Remarks => "备注",
        _ => throw new ArgumentOutOfRangeException(nameof(column)),
    };

    private static readonly Dictionary<string, LedgerColumn> Headers = BuildHeaders();

    private static Dictionary<string, LedgerColumn> BuildHeaders()
    {
        var variants = new (LedgerColumn Column, string[] Words)[]
        {
            (LedgerColumn.Seq, ["序号", "编号", "no", "no."]),
            (LedgerColumn.Code, ["项目代码", "项目编码", "项目统一代码", "统一项目代码", "项目代码(统一代码)", "投资项目代码", "代码", "code"]),
            (LedgerColumn.Name, ["项目名称", "名称", "name"]),
            (LedgerColumn.Org, ["所属地区", "县(市、区)", "县(市)区", "县区", "地区", "所属县区", "所在地区"]),
            (LedgerColumn.Location, ["建设地点", "项目地址", "地点", "建设地址"]),
            (LedgerColumn.Content, ["建设规模及内容", "建设内容及规模", "建设内容", "主要建设内容", "建设规模和内容", "主要建设内容及规模"]),
            (LedgerColumn.TotalInvestment, ["计划总投资", "总投资", "项目总投资", "估算总投资"]),
            (LedgerColumn.AnnualPlan, ["年度计划投资", "年计划投资", "本年计划投资", "年度投资计划", "本年度计划投资", "计划投资"]),
            (LedgerColumn.PlannedStart, ["计划开工时间", "开工时间", "计划开工日期", "计划开工"]),
            (LedgerColumn.PlannedCompletion, ["计划竣工时间", "竣工时间", "计划完工时间", "计划竣工日期", "计划竣工"]),
            (LedgerColumn.ResponsibleUnit, ["责任单位", "牵头单位", "责任部门"]),
            (LedgerColumn.Leader, ["包保责任领导", "分包领导", "分包县级领导", "分包市领导", "责任领导", "包保领导", "分包责任领导"]),
            (LedgerColumn.UnitName, ["项目单位", "建设单位", "项目法人", "项目建设单位"]),
            (LedgerColumn.Levels, ["项目级别", "级别", "重点级别"]),
            (LedgerColumn.ConstructionKind, ["建设性质", "新建/续建", "新建续建", "新建或续建"]),
            (LedgerColumn.InvestmentKind, ["投资类型", "投资性质", "投资类别"]),
            (LedgerColumn.ManagementCategory, ["管理类别", "项目类别"]),
            (LedgerColumn.Sector, ["所属行业", "行业", "行业类别", "产业类别", "行业分类"]),
            (LedgerColumn.Stage, ["项目阶段", "阶段", "项目状态", "推进阶段"]),
            (LedgerColumn.Lists, ["所属名单", "名单", "纳入名单"]),
            (LedgerColumn.ActualStart, ["实际开工时间", "实际开工日期"]),
            (LedgerColumn.ActualCompletion, ["实际竣工时间", "实际竣工日期"]),
            (LedgerColumn.StatisticsEntry, ["统计入库时间", "入库时间", "纳统时间"]),
            (LedgerColumn.ChiefServiceOfficer, ["首席服务官", "首席服务员"]),
            (LedgerColumn.ApprovalHelper, ["帮办人", "政务服务帮办人"]),
            (LedgerColumn.SiteMonitor, ["盯办人", "现场盯办人"]),
            (LedgerColumn.UnitHead, ["项目单位负责人", "企业负责人"]),
            (LedgerColumn.ContactName, ["联系人", "项目联系人"]),
            (LedgerColumn.ContactPhone, ["联系电话", "电话", "联系方式"]),
            (LedgerColumn.Remarks, ["备注", "说明"]),
        };
        var map = new Dictionary<string, LedgerColumn>(StringComparer.Ordinal);
        foreach (var (column, words) in variants)
            foreach (var w in words)
                map[LedgerText.Normalize(w)] = column;
        return map;
    }

    /// <summary>Recognises a header cell, with the money unit and plan year it states ("2023年计划投资（亿元）").</summary>
    public static LedgerHeader? MatchHeader(string? raw)
    {
        var text = LedgerText.Normalize(raw);
        if (text.Length == 0) return null;

        MoneyUnit? unit = null;
        foreach (var (word, u) in UnitWords)
        {
            var bracketed = "(" + word + ")";
            if (text.Contains(bracketed, StringComparison.Ordinal)) { unit = u; text = text.Replace(bracketed, "", StringComparison.Ordinal); break; }
            if (text.EndsWith(word, StringComparison.Ordinal) && text.Length > word.Length) { unit = u; text = text[..^word.Length]; break; }
        }
        text = text.Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal);

        int? year = null;
        if (text.Length > 5 && text[..4].All(char.IsAsciiDigit) && text[4] == '年')
        {
            year = int.Parse(text[..4], System.Globalization.CultureInfo.InvariantCulture);
            text = text[5..].TrimStart('度');
        }

        if (Headers.TryGetValue(text, out var column) || Headers.TryGetValue(LedgerText.Normalize(raw), out column))
        {
            if (year is not null && column != LedgerColumn.AnnualPlan) year = null;
            return new LedgerHeader(column, unit, year);
        }
        return null;
    }

    private static readonly (string Word, MoneyUnit Unit)[] UnitWords =
        [("万元", MoneyUnit.Wan), ("亿元", MoneyUnit.Yi), ("元", MoneyUnit.Yuan)];

    /// <summary>A title or note row such as "单位：亿元" states the unit for headers that do not.</summary>
    public static MoneyUnit? UnitStatedIn(string? raw)
    {
        var text = LedgerText.Normalize(raw);
        var at = text.IndexOf("单位:", StringComparison.Ordinal);
        if (at < 0) return null;
        var rest = text[(at + 3)..];
        foreach (var (word, u) in UnitWords)
            if (rest.StartsWith(word, StringComparison.Ordinal)) return u;
        return null;
    }

    private static readonly Dictionary<string, ProjectLevel> LevelWords = Words<ProjectLevel>(
        (ProjectLevel.Provincial, ["省重点", "省级重点", "省重点项目", "省级"]),
        (ProjectLevel.City, ["市重点", "市级重点", "市重点项目", "市级"]),
        (ProjectLevel.County, ["县重点", "县级重点", "县重点项目", "县级", "区重点"]),
        (ProjectLevel.Provincial | ProjectLevel.City, ["省市重点", "省市级重点", "省市重点项目"]));

    private static readonly Dictionary<string, ConstructionKind> ConstructionWords = Words<ConstructionKind>(
        (ConstructionKind.New, ["新建", "新开工"]),
        (ConstructionKind.Continuing, ["续建"]));

    private static readonly Dictionary<string, InvestmentKind> InvestmentWords = Words<InvestmentKind>(
        (InvestmentKind.Government, ["政府投资", "政府投资类", "政府投资项目"]),
        (InvestmentKind.Enterprise, ["企业投资", "企业投资类", "企业投资项目", "社会投资"]));

    private static readonly Dictionary<string, ManagementCategory> CategoryWords = Words<ManagementCategory>(
        (ManagementCategory.InvestmentAttraction, ["招商引资", "招商引资类"]),
        (ManagementCategory.FinancedConstruction, ["融资建设", "融资建设类"]),
        (ManagementCategory.PrivateCapitalPartnership, ["社会资本合作", "社会资本合作类", "ppp"]));

    private static readonly Dictionary<string, Sector> SectorWords = Words<Sector>(
        (Sector.Industry, ["工业", "产业项目", "工业项目", "产业"]),
        (Sector.AdvancedManufacturing, ["先进制造业", "制造业"]),
        (Sector.Infrastructure, ["基础设施", "基础设施类"]),
        (Sector.SocialUndertakings, ["社会事业", "社会事业类", "民生"]),
        (Sector.ModernServices, ["现代服务业", "服务业"]),
        (Sector.Agriculture, ["农业农村", "农业", "乡村振兴"]),
        (Sector.Ecology, ["生态环保", "生态环境", "环保"]),
        (Sector.Energy, ["能源"]),
        (Sector.Urbanisation, ["新型城镇化", "城镇化", "城市更新"]),
        (Sector.Other, ["其他", "其它"]));

    private static readonly Dictionary<string, ProjectStage> StageWords = Words<ProjectStage>(
        (ProjectStage.Planning, ["谋划", "谋划包装", "前期谋划"]),
        (ProjectStage.Reserve, ["储备"]),
        (ProjectStage.Signed, ["签约", "招商", "已签约"]),
        (ProjectStage.Landed, ["落地", "已落地"]),
        (ProjectStage.Procedures, ["手续办理", "前期手续", "前期"]),
        (ProjectStage.Started, ["开工", "已开工", "开复工"]),
        (ProjectStage.UnderConstruction, ["在建", "推进建设", "建设中"]),
        (ProjectStage.Completed, ["竣工", "已竣工"]),
        (ProjectStage.InProduction, ["投产", "已投产"]),
        (ProjectStage.Effective, ["达效", "达产达效", "已达效"]));

    private static readonly Dictionary<string, ThreeBatchesBatch> BatchWords = Words<ThreeBatchesBatch>(
        (ThreeBatchesBatch.Signing, ["签约一批", "签约"]),
        (ThreeBatchesBatch.Starting, ["开工一批", "开工"]),
        (ThreeBatchesBatch.Producing, ["投产一批", "投产"]));

    private static Dictionary<string, T> Words<T>(params (T Value, string[] Words)[] entries) where T : struct, Enum
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (value, words) in entries)
        {
            map[LedgerText.Normalize(value.ToString())] = value;
            foreach (var w in words) map[LedgerText.Normalize(w)] = value;
        }
        return map;
    }

    public static bool TryParseLevels(string? text, out ProjectLevel levels)
    {
        levels = ProjectLevel.None;
        foreach (var part in LedgerText.SplitList(text))
        {
            if (!LevelWords.TryGetValue(LedgerText.Normalize(part), out var l)) return false;
            levels |= l;
        }
        return true;
    }

    public static string LevelsText(ProjectLevel levels) => string.Join("、",
        new[] { (ProjectLevel.Provincial, "省重点"), (ProjectLevel.City, "市重点"), (ProjectLevel.County, "县重点") }
            .Where(x => levels.HasFlag(x.Item1)).Select(x => x.Item2));

    public static bool TryParse(string? text, out ConstructionKind value) => ConstructionWords.TryGetValue(LedgerText.Normalize(text), out value);
    public static bool TryParse(string? text, out InvestmentKind value) => InvestmentWords.TryGetValue(LedgerText.Normalize(text), out value);
    public static bool TryParse(string? text, out ManagementCategory value) => CategoryWords.TryGetValue(LedgerText.Normalize(text), out value);
    public static bool TryParse(string? text, out Sector value) => SectorWords.TryGetValue(LedgerText.Normalize(text), out value);
    public static bool TryParse(string? text, out ProjectStage value) => StageWords.TryGetValue(LedgerText.Normalize(text), out value);

    public static string TextOf(ConstructionKind v) => v == ConstructionKind.New ? "新建" : "续建";
    public static string TextOf(InvestmentKind v) => v == InvestmentKind.Government ? "政府投资" : "企业投资";
    public static string TextOf(ManagementCategory v) => v switch
    {
        ManagementCategory.InvestmentAttraction => "招商引资",
        ManagementCategory.FinancedConstruction => "融资建设",
        _ => "社会资本合作",
    };
    public static string TextOf(Sector v) => v switch
    {
        Sector.Industry => "工业",
        Sector.AdvancedManufacturing => "先进制造业",
        Sector.Infrastructure => "基础设施",
        Sector.SocialUndertakings => "社会事业",
        Sector.ModernServices => "现代服务业",
        Sector.Agriculture => "农业农村",
        Sector.Ecology => "生态环保",
        Sector.Energy => "能源",
        Sector.Urbanisation => "新型城镇化",
        _ => "其他",
    };
    public static string TextOf(ProjectStage v) => v switch
    {
        ProjectStage.Planning => "谋划",
        ProjectStage.Reserve => "储备",
        ProjectStage.Signed => "签约",
        ProjectStage.Landed => "落地",
        ProjectStage.Procedures => "手续办理",
        ProjectStage.Started => "开工",
        ProjectStage.UnderConstruction => "在建",
        ProjectStage.Completed => "竣工",
        ProjectStage.InProduction => "投产",
        _ => "达效",
    };
    public static string TextOf(ThreeBatchesBatch v) => v switch
    {
        ThreeBatchesBatch.Signing => "签约一批",
        ThreeBatchesBatch.Starting => "开工一批",
        _ => "投产一批",
    };

    /// <summary>"三个一批第7期开工一批（2023-05-10调出）、补短板982、专项债、中央预算内、四保白名单（省级）"</summary>
    public static string ListsText(IEnumerable<ListMembershipDraft> lists) => string.Join("、", lists.OrderBy(l => l.List).Select(l => l.List switch
    {
        ProjectList.ThreeBatches => $"三个一批第{l.Period}期{(l.Batch is { } b ? TextOf(b) : "")}"
            + (l.ExitedOn is { } e ? $"({e.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}调出)" : ""),
        ProjectList.Shortfall982 => "补短板982",
        ProjectList.SpecialBond => "专项债",
        ProjectList.CentralBudget => "中央预算内",
        _ => "四保白名单" + (l.Scope switch { ListScope.Provincial => "(省级)", ListScope.City => "(市级)", _ => "" }),
    }));

    /// <summary>Reads the 所属名单 cell; returns false with the part it could not read.</summary>
    public static bool TryParseLists(string? text, out List<ListMembershipDraft> lists, out string? unreadable)
    {
        lists = [];
        unreadable = null;
        foreach (var part in LedgerText.SplitList(text))
        {
            var t = LedgerText.Normalize(part);
            ListMembershipDraft? m = null;
            if (t.StartsWith("三个一批", StringComparison.Ordinal)) m = ParseThreeBatches(t["三个一批".Length..]);
            else if (t is "补短板982" or "982" or "补短板\"982\"工程" or "补短板982工程" or "982工程") m = new(ProjectList.Shortfall982);
            else if (t is "专项债" or "地方政府专项债" or "专项债券" or "地方政府专项债券") m = new(ProjectList.SpecialBond);
            else if (t is "中央预算内" or "中央预算内投资") m = new(ProjectList.CentralBudget);
            else if (t.StartsWith("四保", StringComparison.Ordinal))
            {
                var scope = t.Contains("市", StringComparison.Ordinal) ? ListScope.City : t.Contains("省", StringComparison.Ordinal) ? ListScope.Provincial : (ListScope?)null;
                m = new(ProjectList.FourGuarantees, Scope: scope);
            }
            if (m is null) { unreadable = part; return false; }
            lists.Add(m);
        }
        return true;
    }

    private static ListMembershipDraft? ParseThreeBatches(string t)
    {
        // 第7期开工一批(2023-05-10调出) | 第七期签约一批
        if (!t.StartsWith('第')) return null;
        var end = t.IndexOf('期', StringComparison.Ordinal);
        if (end < 2) return null;
        var period = ChineseNumber(t[1..end]);
        if (period is null) return null;
        var rest = t[(end + 1)..];
        DateOnly? exited = null;
        var open = rest.IndexOf('(', StringComparison.Ordinal);
        if (open >= 0)
        {
            var inner = rest[(open + 1)..].TrimEnd(')');
            rest = rest[..open];
            if (!inner.EndsWith("调出", StringComparison.Ordinal)) return null;
            if (!LedgerCell.TryParseDate(inner[..^2], monthOnlyMeansLastDay: false, out var d)) return null;
            exited = d;
        }
        if (!BatchWords.TryGetValue(rest, out var batch)) return null;
        return new ListMembershipDraft(ProjectList.ThreeBatches, period, batch, ExitedOn: exited);
    }

    /// <summary>"7", "七", "十二", "二十" → the number; anything else → null.</summary>
    public static int? ChineseNumber(string text)
    {
        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
        const string digits = "零一二三四五六七八九";
        if (text.Length == 0) return null;
        var ten = text.IndexOf('十', StringComparison.Ordinal);
        if (ten < 0) return text.Length == 1 && digits.Contains(text[0], StringComparison.Ordinal) ? digits.IndexOf(text[0], StringComparison.Ordinal) : null;
        var tens = ten == 0 ? 1 : text.Length > 0 && ten == 1 && digits.Contains(text[0], StringComparison.Ordinal) ? digits.IndexOf(text[0], StringComparison.Ordinal) : -1;
        if (tens < 0) return null;
        var unitsText = text[(ten + 1)..];
        var units = unitsText.Length == 0 ? 0 : unitsText.Length == 1 && digits.Contains(unitsText[0], StringComparison.Ordinal) ? digits.IndexOf(unitsText[0], StringComparison.Ordinal) : -1;
        return units < 0 ? null : tens * 10 + units;
    }
}

public sealed record LedgerHeader(LedgerColumn Column, MoneyUnit? Unit, int? Year);
