#include "output/jsonarrayprinter.h"
#include "output/jsonoutput.h"

#include <QTimeZone>
#include <QtTest>

using namespace lb;
using json = nlohmann::json;

namespace {

Ontology twoClasses()
{
    Ontology o;
    o.objects.append(OntologyObject{QStringLiteral("carHash1"), QStringLiteral("Car"),
                                    QStringLiteral("bounding_box"), QStringLiteral("#1E88E5")});
    o.objects.append(OntologyObject{QStringLiteral("pedHash1"), QStringLiteral("Pedestrian"),
                                    QStringLiteral("bounding_box"), QStringLiteral("#E53935")});
    return o;
}

QDateTime utc(int y, int m, int d, int h, int min)
{
    return QDateTime(QDate(y, m, d), QTime(h, min), QTimeZone::utc());
}

} // namespace

class TestJsonOutput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rowUsesEncordFieldNames()
    {
        LabelRowSummary row;
        row.dataHash = QStringLiteral("aaaaaaaa-0000-4000-8000-00000000000a");
        row.labelHash = QStringLiteral("11111111-1111-4111-8111-111111111111");
        row.branchName = QStringLiteral("main");
        row.dataTitle = QStringLiteral("cat.jpg");
        row.dataType = DataType::Video;
        row.labelStatus = QStringLiteral("LABELLED");
        row.createdAt = utc(2026, 11, 20, 9, 0);
        // Another zone: the output is UTC all the same.
        row.lastEditedAt = QDateTime(QDate(2026, 11, 21), QTime(12, 30), QTimeZone(3600));
        row.objectCount = 3;
        row.classificationCount = 1;
        row.classCounts = {{QStringLiteral("carHash1"), 2}, {QStringLiteral("unknownX"), 1}};
        row.contentHash = QStringLiteral("ab12");

        const json j = JsonOutput(twoClasses()).row(row);
        QCOMPARE(j.at("data_hash").get<std::string>(), std::string("aaaaaaaa-0000-4000-8000-00000000000a"));
        QCOMPARE(j.at("label_hash").get<std::string>(), std::string("11111111-1111-4111-8111-111111111111"));
        QCOMPARE(j.at("branch_name").get<std::string>(), std::string("main"));
        QCOMPARE(j.at("data_title").get<std::string>(), std::string("cat.jpg"));
        QCOMPARE(j.at("data_type").get<std::string>(), std::string("video"));
        QCOMPARE(j.at("label_status").get<std::string>(), std::string("LABELLED"));
        QCOMPARE(j.at("created_at").get<std::string>(), std::string("2026-11-20T09:00:00Z"));
        QCOMPARE(j.at("last_edited_at").get<std::string>(), std::string("2026-11-21T11:30:00Z"));
        QCOMPARE(j.at("object_count").get<int>(), 3);
        QCOMPARE(j.at("classification_count").get<int>(), 1);
        QCOMPARE(j.at("class_counts"), json({{"Car", 2}, {"unknownX", 1}}));
        QCOMPARE(j.at("content_hash").get<std::string>(), std::string("ab12"));
        QVERIFY(j.at("provenance").is_null());
    }

    void uninitialisedRowHasNulls()
    {
        LabelRowSummary row;
        row.dataHash = QStringLiteral("d1");
        row.branchName = QStringLiteral("review");
        const json j = JsonOutput().row(row);
        QVERIFY(j.at("label_hash").is_null());
        QVERIFY(j.at("created_at").is_null());
        QVERIFY(j.at("last_edited_at").is_null());
        QVERIFY(j.at("content_hash").is_null());
        QCOMPARE(j.at("class_counts"), json::object());
    }

    void branchAndCopyResult()
    {
        BranchInfo b;
        b.name = QStringLiteral("export-2026-11-20");
        b.rowCount = 10;
        b.objectCount = 42;
        b.createdAt = utc(2026, 11, 20, 9, 0);
        b.createdFrom = QStringLiteral("main");
        b.isSnapshot = true;
        const json branch = JsonOutput::branch(b);
        QCOMPARE(branch.at("name").get<std::string>(), std::string("export-2026-11-20"));
        QCOMPARE(branch.at("row_count").get<int>(), 10);
        QCOMPARE(branch.at("object_count").get<int>(), 42);
        QVERIFY(branch.at("last_edited_at").is_null());
        QCOMPARE(branch.at("created_from").get<std::string>(), std::string("main"));
        QVERIFY(branch.at("is_snapshot").get<bool>());

        CopyResult r;
        r.operationId = 7;
        r.count = 5;
        r.created = 3;
        r.replaced = 2;
        r.skipped = 1;
        r.batchesDone = 2;
        r.batchesTotal = 3;
        r.cancelled = true;
        const json copy = JsonOutput::copyResult(r);
        QCOMPARE(copy.at("count").get<int>(), 5);
        QCOMPARE(copy.at("created").get<int>(), 3);
        QCOMPARE(copy.at("replaced").get<int>(), 2);
        QCOMPARE(copy.at("skipped").get<int>(), 1);
        QVERIFY(copy.at("cancelled").get<bool>());
        QCOMPARE(copy.at("operation_id").get<qint64>(), qint64(7));
        QCOMPARE(copy.at("batches"), json({{"done", 2}, {"total", 3}}));
    }

    void diffEntriesAndSummary()
    {
        BranchDiff diff;
        diff.sourceBranch = QStringLiteral("main");
        diff.targetBranch = QStringLiteral("pre");
        DiffEntry same;
        same.dataHash = QStringLiteral("d1");
        same.status = DiffStatus::Identical;
        DiffEntry changed;
        changed.dataHash = QStringLiteral("d2");
        changed.dataTitle = QStringLiteral("b.jpg");
        changed.sourceLabelHash = QStringLiteral("s2");
        changed.sourceCount = 4;
        changed.targetCount = 3;
        changed.delta = -1;
        changed.status = DiffStatus::OnlyInSource;
        changed.classDeltas = {{QStringLiteral("pedHash1"), -1}};
        diff.entries = {same, changed};
        diff.summary.identical = 1;
        diff.summary.onlyInSource = 1;
        diff.summary.total = 2;

        const JsonOutput out(twoClasses());
        const json all = out.diff(diff);
        QCOMPARE(all.at("source_branch").get<std::string>(), std::string("main"));
        QCOMPARE(all.at("entries").size(), size_t(2));
        const json only = out.diff(diff, true);
        QCOMPARE(only.at("entries").size(), size_t(1));
        QCOMPARE(only.at("summary"), all.at("summary"));
        const json &e = only.at("entries").at(0);
        QCOMPARE(e.at("status").get<std::string>(), std::string("only-in-source"));
        QCOMPARE(e.at("source_count").get<int>(), 4);
        QCOMPARE(e.at("target_count").get<int>(), 3);
        QCOMPARE(e.at("delta").get<int>(), -1);
        QCOMPARE(e.at("class_deltas"), json({{"Pedestrian", -1}}));
        QCOMPARE(e.at("source_label_hash").get<std::string>(), std::string("s2"));
        QVERIFY(e.at("target_label_hash").is_null());
        QCOMPARE(all.at("summary").at("differences").get<int>(), 1);
        QCOMPARE(all.at("summary").at("only_in_source").get<int>(), 1);
    }

    // Printed entry by entry, the diff is byte for byte the document dump() gives.
    void printedDiffIsTheDumpedDocument()
    {
        BranchDiff diff;
        diff.sourceBranch = QStringLiteral("main \"quoted\"");
        diff.targetBranch = QStringLiteral("pre");
        diff.summary.total = 3;
        diff.summary.sourceClassTotals = {{QStringLiteral("carHash1"), 2}};
        const JsonOutput out(twoClasses());
        for (int entries = 0; entries < 3; ++entries) {
            for (const bool only : {false, true}) {
                QByteArray printed;
                out.printDiff(diff, only, [&](const QByteArray &bytes) { printed += bytes; });
                QCOMPARE(printed, JsonOutput::dump(out.diff(diff, only)));
            }
            DiffEntry entry;
            entry.dataHash = QStringLiteral("d%1").arg(entries);
            entry.dataTitle = QStringLiteral("line\nbreak.jpg");
            entry.status = entries == 0 ? DiffStatus::Identical : DiffStatus::CountDiffers;
            entry.classDeltas = {{QStringLiteral("pedHash1"), entries}};
            diff.entries.append(entry);
        }
    }

    // Printed item by item, a plan is byte for byte the document dump() gives, extra keys included.
    void printedPlanIsTheDumpedDocument()
    {
        CopyPlan plan;
        plan.request.targetBranch = QStringLiteral("target \"quoted\"");
        plan.request.dataHashes = {QStringLiteral("d0")};
        plan.unknown.labelHashes = {QStringLiteral("nope")};
        const json extra = {{"dry_run", true}, {"command", "sync"}};
        for (int items = 0; items < 3; ++items) {
            QByteArray printed;
            const Result<void> done = JsonOutput::printPlan(
                plan, extra,
                [&](const std::function<void(const CopyPlanItem &)> &take) {
                    for (const CopyPlanItem &item : plan.items)
                        take(item);
                    return Result<void>();
                },
                [&](const QByteArray &bytes) { printed += bytes; });
            QVERIFY(done.ok());
            json expected = JsonOutput::plan(plan);
            expected.update(extra);
            QCOMPARE(printed, JsonOutput::dump(expected));
            CopyPlanItem item;
            item.dataHash = QStringLiteral("d%1").arg(items);
            item.dataTitle = QStringLiteral("line\nbreak.jpg");
            item.action = items == 1 ? PlanAction::Replace : PlanAction::Create;
            item.reason = QStringLiteral("new row on target");
            plan.items.append(item);
            ++plan.toCreate;
        }
    }

    void printedArrayIsTheDumpedArray()
    {
        json array = json::array();
        for (int n = 0; n < 3; ++n) {
            QByteArray printed;
            JsonArrayPrinter printer([&](const QByteArray &bytes) { printed += bytes; });
            for (const json &element : array)
                printer.add(element);
            printer.close();
            QCOMPARE(printed + "\n", JsonOutput::dump(array));
            array.push_back(
                json{{"n", n}, {"nested", {{"list", json::array({1, 2})}, {"empty", json::object()}}}});
        }
    }

    void auditDetailsStayJson()
    {
        AuditEntry entry;
        entry.id = 3;
        entry.time = utc(2026, 12, 1, 8, 0);
        entry.action = QStringLiteral("sync");
        entry.summary = QStringLiteral("Synced 2 rows");
        entry.details = QStringLiteral("{\"count\": 2}");
        entry.operationId = 9;
        json j = JsonOutput::auditEntry(entry);
        QCOMPARE(j.at("details"), json({{"count", 2}}));
        QCOMPARE(j.at("operation_id").get<qint64>(), qint64(9));
        entry.details = QStringLiteral("not json");
        entry.operationId = 0;
        j = JsonOutput::auditEntry(entry);
        QCOMPARE(j.at("details").get<std::string>(), std::string("not json"));
        QVERIFY(j.at("operation_id").is_null());
    }

    void dumpEndsWithNewline()
    {
        QCOMPARE(JsonOutput::dump(json{{"a", 1}}, false), QByteArray("{\"a\":1}\n"));
        QVERIFY(JsonOutput::dump(json{{"a", 1}}).endsWith("}\n"));
    }
};

QTEST_GUILESS_MAIN(TestJsonOutput)
#include "tst_jsonoutput.moc"
