#include "mergeoutput.h"

#include "clicontext.h"
#include "tableprinter.h"

namespace lb::cli::mergeoutput {

namespace {

QString resultText(const MergeEntry &entry)
{
    switch (entry.outcome) {
    case MergeOutcome::TookSource:
        return QStringLiteral("source");
    case MergeOutcome::KeptTarget:
        return QStringLiteral("target");
    case MergeOutcome::Conflict:
        return QStringLiteral("CONFLICT");
    case MergeOutcome::Same:
        break;
    }
    return QStringLiteral("same");
}

} // namespace

nlohmann::json planJson(const MergePlan &plan)
{
    using json = nlohmann::json;
    json units = json::array();
    for (const UnitMergePlan &unit : plan.units) {
        json entries = json::array();
        for (const MergeEntry &entry : unit.entries)
            entries.push_back({{"hash", entry.hash.toStdString()},
                               {"source_hash", entry.sourceHash.toStdString()},
                               {"kind", entry.classification ? "classification" : "object"},
                               {"source_change", sideChangeName(entry.sourceChange).toStdString()},
                               {"target_change", sideChangeName(entry.targetChange).toStdString()},
                               {"choice", mergeChoiceName(entry.choice).toStdString()},
                               {"chosen", entry.chosen},
                               {"outcome", mergeOutcomeName(entry.outcome).toStdString()},
                               {"changes_target", entry.changesTarget}});
        units.push_back({{"data_hash", unit.dataHash.toStdString()},
                         {"data_title", unit.dataTitle.toStdString()},
                         {"source_present", unit.sourcePresent},
                         {"target_present", unit.targetPresent},
                         {"three_way", unit.hasBase},
                         {"writes", unit.writes},
                         {"objects", std::move(entries)}});
    }
    return {{"source_branch", plan.sourceBranch.toStdString()},
            {"target_branch", plan.targetBranch.toStdString()},
            {"to_write", plan.toWrite},
            {"conflicts", plan.conflicts},
            {"data_units", std::move(units)}};
}

Result<void> printPlanTable(CliContext &ctx, const MergePlan &plan)
{
    TablePrinter table({QStringLiteral("DATA UNIT"), QStringLiteral("OBJECT"), QStringLiteral("CHANGE"),
                        QStringLiteral("RESULT")});
    for (const UnitMergePlan &unit : plan.units) {
        const QString name = unit.dataTitle.isEmpty() ? unit.dataHash : unit.dataTitle;
        for (const MergeEntry &entry : unit.entries) {
            QString object = entry.sourceHash.isEmpty() || entry.sourceHash == entry.hash
                                 ? entry.hash
                                 : QStringLiteral("%1 (source %2)").arg(entry.hash, entry.sourceHash);
            if (entry.classification)
                object += QStringLiteral(" [classification]");
            table.addRow({name, object, entry.changeText(), resultText(entry)});
        }
    }
    return ctx.printTable(table);
}

} // namespace lb::cli::mergeoutput
