#include "clirun.h"
#include "demo/demogenerator.h"
#include "engine/engine.h"
#include "output/jsonoutput.h"
#include "store/sqlite/sqlitestore.h"
#include "testsupport.h"

#include <csignal>
#include <nlohmann/json.hpp>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using lb::test::isCleanFailure;
using lb::test::runCli;
using json = nlohmann::json;

namespace {

using Run = test::CliRun;

bool copyProject(const QString &from, const QString &to)
{
    QFile::remove(to);
    QFile::remove(to + QStringLiteral("-wal"));
    if (!QFile::copy(from, to))
        return false;
    if (QFileInfo::exists(from + QStringLiteral("-wal")))
        return QFile::copy(from + QStringLiteral("-wal"), to + QStringLiteral("-wal"));
    return true;
}

QHash<QString, QString> contentByDataHash(const json &rows)
{
    QHash<QString, QString> out;
    for (const json &row : rows)
        out.insert(QString::fromStdString(row.at("data_hash").get<std::string>()),
                   row.at("content_hash").is_null()
                       ? QString()
                       : QString::fromStdString(row.at("content_hash").get<std::string>()));
    return out;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo; // never written to after creation: tests copy it first
    int m_mainRows = 0;

    QString freshCopy(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        if (!copyProject(m_demo, path))
            qWarning("cannot copy the demo project");
        return path;
    }

    QStringList on(const QString &project, QStringList args) const
    {
        args.prepend(project);
        args.prepend(QStringLiteral("--project"));
        return args;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(QFileInfo::exists(QStringLiteral(LB_CLI_PATH)), LB_CLI_PATH);
        m_demo = m_dir.filePath(QStringLiteral("demo.lbproj"));
        const Run run = runCli({QStringLiteral("demo"), QStringLiteral("--out"), m_demo,
                                QStringLiteral("--size"), QStringLiteral("small"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        QVERIFY(run.err.isEmpty());
        const json report = run.parsed();
        QVERIFY(report.is_object());
        QCOMPARE(report.at("data_units").get<int>(), DemoGenerator::kSmallSize);
        QCOMPARE(report.at("branches").size(), size_t(4));
        m_mainRows = report.at("branches").at(0).at("row_count").get<int>();
        QVERIFY(m_mainRows > 40);
    }

    void helpListsCommands()
    {
        const Run run = runCli({QStringLiteral("--help")});
        QCOMPARE(run.exitCode, 0);
        for (const char *command : {"demo", "branches", "rows", "copy", "sync", "snapshot", "undo", "diff",
                                    "branch", "import", "export", "log"})
            QVERIFY2(run.out.contains(QByteArray(QByteArray("  ") + command + ' ')), command);

        const Run copyHelp = runCli({QStringLiteral("copy"), QStringLiteral("--help")});
        QCOMPARE(copyHelp.exitCode, 0);
        QVERIFY(copyHelp.out.startsWith("Usage: labelbranch-cli copy"));
        for (const char *option : {"--source", "--target", "--overwrite", "--data-hash", "--data-hashes-file",
                                   "--label-hash", "--batch-size", "--dry-run", "--project", "--json"})
            QVERIFY2(copyHelp.out.contains(option), option);
    }

    void unknownCommandOrOptionIsAUsageError()
    {
        QString why;
        Run run = runCli({QStringLiteral("frobnicate")});
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("frobnicate"));

        run = runCli(on(m_demo, {QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("main"),
                                 QStringLiteral("--bogus")}));
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains("bogus"));

        run = runCli({QStringLiteral("--bogus"), QStringLiteral("branches")});
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
        QCOMPARE(run.exitCode, 2);

        run = runCli({});
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
        QCOMPARE(run.exitCode, 2);
    }

    void branchesListsTheDemoBranches()
    {
        const Run run = runCli(on(m_demo, {QStringLiteral("branches"), QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json branches = run.parsed();
        QVERIFY(branches.is_array());
        QCOMPARE(branches.size(), size_t(4));
        QCOMPARE(branches.at(0).at("name").get<std::string>(), std::string("main"));
        QCOMPARE(branches.at(0).at("row_count").get<int>(), m_mainRows);
        for (const json &b : branches)
            for (const char *key : {"name", "row_count", "object_count", "created_at", "last_edited_at",
                                    "created_from", "is_snapshot"})
                QVERIFY2(b.contains(key), key);

        // Text output: a header and one aligned line per branch; the project from the environment.
        QProcessEnvironment env = test::cleanCliEnvironment();
        env.insert(QStringLiteral("LABELBRANCH_PROJECT"), m_demo);
        const Run text = runCli({QStringLiteral("branches")}, env);
        QCOMPARE(text.exitCode, 0);
        const QList<QByteArray> lines = text.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QVERIFY(lines.at(0).startsWith("BRANCH"));
        QVERIFY(lines.at(1).startsWith("main "));
    }

    void diffJsonMatchesTheEngine()
    {
        const Run run =
            runCli({QStringLiteral("--project"), m_demo, QStringLiteral("diff"), QStringLiteral("main"),
                    QStringLiteral("pre-labels-v1"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json diff = run.parsed();
        QVERIFY(diff.is_object());
        const json &summary = diff.at("summary");

        auto store = SqliteStore::open(m_demo);
        QVERIFY2(store.ok(), qPrintable(store.error()));
        Engine engine(*store.value());
        auto expected = engine.diff(QStringLiteral("main"), QStringLiteral("pre-labels-v1"));
        QVERIFY2(expected.ok(), qPrintable(expected.error()));
        const DiffSummary &s = expected->summary;
        QCOMPARE(summary.at("total").get<int>(), s.total);
        QCOMPARE(summary.at("identical").get<int>(), s.identical);
        QCOMPARE(summary.at("changed_same_count").get<int>(), s.changedSameCount);
        QCOMPARE(summary.at("count_differs").get<int>(), s.countDiffers);
        QCOMPARE(summary.at("only_in_source").get<int>(), s.onlyInSource);
        QCOMPARE(summary.at("only_in_target").get<int>(), s.onlyInTarget);
        QCOMPARE(summary.at("uninitialised_on_both").get<int>(), s.uninitialisedOnBoth);
        QCOMPARE(summary.at("source_objects").get<int>(), s.sourceObjects);
        QCOMPARE(summary.at("target_objects").get<int>(), s.targetObjects);
        QCOMPARE(summary.at("differences").get<int>(), s.differences());
        QCOMPARE(diff.at("entries").size(), size_t(expected->entries.size()));
        QVERIFY(s.differences() > 0);

        for (const json &e : diff.at("entries"))
            for (const char *key : {"data_hash", "data_title", "source_count", "target_count", "delta",
                                    "status", "class_deltas", "source_label_hash", "target_label_hash"})
                QVERIFY2(e.contains(key), key);

        const Run only = runCli(
            on(m_demo, {QStringLiteral("diff"), QStringLiteral("main"), QStringLiteral("pre-labels-v1"),
                        QStringLiteral("--only-differences"), QStringLiteral("--json")}));
        QCOMPARE(only.exitCode, 0);
        QCOMPARE(only.parsed().at("entries").size(), size_t(s.differences()));
        QCOMPARE(only.parsed().at("summary"), summary);
    }

    void rowsFilters()
    {
        auto rows = [&](QStringList args) {
            args.prepend(QStringLiteral("rows"));
            args.append(QStringLiteral("--json"));
            const Run run = runCli(on(m_demo, args));
            if (run.exitCode != 0)
                qWarning("%s", run.err.constData());
            return run.parsed();
        };
        const json main = rows({QStringLiteral("--branch"), QStringLiteral("main")});
        QCOMPARE(int(main.size()), m_mainRows);
        for (const json &r : main) {
            for (const char *key : {"data_hash", "label_hash", "branch_name", "data_title", "data_type",
                                    "label_status", "created_at", "last_edited_at", "object_count",
                                    "classification_count", "class_counts", "content_hash"})
                QVERIFY2(r.contains(key), key);
            QVERIFY(r.at("label_hash").is_string());
            QVERIFY(
                QString::fromStdString(r.at("last_edited_at").get<std::string>()).endsWith(QLatin1Char('Z')));
        }

        const json withUninitialised = rows(
            {QStringLiteral("--branch"), QStringLiteral("main"), QStringLiteral("--include-uninitialised")});
        QCOMPARE(int(withUninitialised.size()), DemoGenerator::kSmallSize);
        QVERIFY(std::any_of(withUninitialised.begin(), withUninitialised.end(),
                            [](const json &r) { return r.at("label_hash").is_null(); }));

        const std::string title = main.at(3).at("data_title").get<std::string>();
        const json byTitle = rows({QStringLiteral("--branch"), QStringLiteral("main"),
                                   QStringLiteral("--title"), QString::fromStdString(title)});
        QCOMPARE(byTitle.size(), size_t(1));
        QCOMPARE(byTitle.at(0).at("data_title").get<std::string>(), title);

        const json like = rows({QStringLiteral("--branch"), QStringLiteral("main"),
                                QStringLiteral("--title-like"), QStringLiteral("%.mp4")});
        QVERIFY(!like.empty());
        for (const json &r : like)
            QCOMPARE(r.at("data_type").get<std::string>(), std::string("video"));

        const json labelled =
            rows({QStringLiteral("--branch"), QStringLiteral("main"), QStringLiteral("--status"),
                  QStringLiteral("LABELLED"), QStringLiteral("--status"), QStringLiteral("REVIEWED")});
        QVERIFY(!labelled.empty() && labelled.size() < main.size());
        for (const json &r : labelled) {
            const std::string status = r.at("label_status").get<std::string>();
            QVERIFY(status == "LABELLED" || status == "REVIEWED");
        }

        const json two =
            rows({QStringLiteral("--branch"), QStringLiteral("main"), QStringLiteral("--data-hash"),
                  QString::fromStdString(main.at(0).at("data_hash").get<std::string>()),
                  QStringLiteral("--data-hash"),
                  QString::fromStdString(main.at(1).at("data_hash").get<std::string>())});
        QCOMPARE(two.size(), size_t(2));

        const json byLabel =
            rows({QStringLiteral("--branch"), QStringLiteral("main"), QStringLiteral("--label-hash"),
                  QString::fromStdString(main.at(2).at("label_hash").get<std::string>())});
        QCOMPARE(byLabel.size(), size_t(1));

        // The demo's main rows were last edited between October and December 2026.
        const json late = rows({QStringLiteral("--branch"), QStringLiteral("main"),
                                QStringLiteral("--edited-after"), QStringLiteral("2026-11-20T12:00:00Z")});
        const json early = rows({QStringLiteral("--branch"), QStringLiteral("main"),
                                 QStringLiteral("--edited-before"), QStringLiteral("2026-11-20T12:00:00Z")});
        QVERIFY(!late.empty() && !early.empty());
        QCOMPARE(late.size() + early.size(), main.size());

        const json all = rows({QStringLiteral("--all-branches")});
        QSet<std::string> branches;
        for (const json &r : all)
            branches.insert(r.at("branch_name").get<std::string>());
        QCOMPARE(branches.size(), 4);

        QString why;
        const Run both = runCli(on(m_demo, {QStringLiteral("rows"), QStringLiteral("--branch"),
                                            QStringLiteral("main"), QStringLiteral("--all-branches")}));
        QVERIFY2(isCleanFailure(both, &why), qPrintable(why));
        const Run missing = runCli(on(
            m_demo, {QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("no-such-branch")}));
        QVERIFY2(isCleanFailure(missing, &why), qPrintable(why));
        const Run badTime =
            runCli(on(m_demo, {QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("main"),
                               QStringLiteral("--edited-after"), QStringLiteral("yesterday")}));
        QVERIFY2(isCleanFailure(badTime, &why), qPrintable(why));

        const Run text =
            runCli(on(m_demo, {QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("main")}));
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.startsWith("TITLE"));
        QVERIFY(text.out.trimmed().endsWith(QByteArray(QByteArray::number(m_mainRows) + " rows")));
    }

    void copySyncUndoRoundTrip()
    {
        const QString project = freshCopy(QStringLiteral("roundtrip.lbproj"));
        auto run = [&](QStringList args) {
            args.append(QStringLiteral("--json"));
            const Run r = runCli(on(project, args));
            if (r.exitCode != 0)
                qWarning("%s", r.err.constData());
            return r;
        };

        // Copy main to a new branch.
        Run copied = run({QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                          QStringLiteral("--target"), QStringLiteral("experiment"),
                          QStringLiteral("--batch-size"), QStringLiteral("7")});
        QCOMPARE(copied.exitCode, 0);
        json result = copied.parsed();
        QCOMPARE(result.at("count").get<int>(), m_mainRows);
        QCOMPARE(result.at("created").get<int>(), m_mainRows);
        QCOMPARE(result.at("replaced").get<int>(), 0);
        QVERIFY(result.at("target_created").get<bool>());
        QCOMPARE(result.at("batches").at("total").get<int>(), (m_mainRows + 6) / 7);
        QVERIFY(result.at("operation_id").get<qint64>() > 0);
        const int uninitialisedOnMain = result.at("skipped").get<int>();

        // Again without overwrite: everything is skipped.
        copied = run({QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                      QStringLiteral("--target"), QStringLiteral("experiment")});
        QCOMPARE(copied.exitCode, 0);
        QCOMPARE(copied.parsed().at("count").get<int>(), 0);
        QCOMPARE(copied.parsed().at("skipped").get<int>(), m_mainRows + uninitialisedOnMain);

        const json before =
            run({QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("experiment")}).parsed();
        const json preLabels =
            run({QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("pre-labels-v1")})
                .parsed();

        // Sync chosen data units from the predictions: the source wins.
        const QString hashesFile = m_dir.filePath(QStringLiteral("hashes.txt"));
        QByteArray hashes = "# chosen units\n";
        const int chosen = 5;
        for (int i = 0; i < chosen; ++i)
            hashes += QByteArray::fromStdString(preLabels.at(i).at("data_hash").get<std::string>()) + '\n';
        QVERIFY(test::writeFile(hashesFile, hashes));
        Run synced = run({QStringLiteral("sync"), QStringLiteral("--source"), QStringLiteral("pre-labels-v1"),
                          QStringLiteral("--target"), QStringLiteral("experiment"),
                          QStringLiteral("--data-hashes-file"), hashesFile});
        QCOMPARE(synced.exitCode, 0);
        result = synced.parsed();
        QCOMPARE(result.at("count").get<int>(), chosen);
        // Replaced rows whose content was already the same are counted apart, as unchanged.
        QCOMPARE(result.at("created").get<int>() + result.at("replaced").get<int>() +
                     result.at("unchanged").get<int>(),
                 chosen);
        const int replaced = result.at("replaced").get<int>() + result.at("unchanged").get<int>();
        QVERIFY(replaced > 0);

        const auto afterSync = contentByDataHash(
            run({QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("experiment")}).parsed());
        const auto preContent = contentByDataHash(preLabels);
        for (int i = 0; i < chosen; ++i) {
            const QString dataHash =
                QString::fromStdString(preLabels.at(i).at("data_hash").get<std::string>());
            QCOMPARE(afterSync.value(dataHash), preContent.value(dataHash));
        }

        // Undo the sync: the branch is exactly as before.
        Run undone = run({QStringLiteral("undo"), QStringLiteral("--branch"), QStringLiteral("experiment")});
        QCOMPARE(undone.exitCode, 0);
        result = undone.parsed();
        QCOMPARE(result.at("restored").get<int>(), replaced);
        QCOMPARE(result.at("removed").get<int>(), chosen - replaced);
        QCOMPARE(result.at("operation").at("kind").get<std::string>(), std::string("sync"));
        const json restored =
            run({QStringLiteral("rows"), QStringLiteral("--branch"), QStringLiteral("experiment")}).parsed();
        QCOMPARE(contentByDataHash(restored), contentByDataHash(before));
        QCOMPARE(restored, before);

        // Undo the copy: the branch it created goes again.
        undone = run({QStringLiteral("undo")});
        QCOMPARE(undone.exitCode, 0);
        QCOMPARE(undone.parsed().at("removed").get<int>(), m_mainRows);
        QVERIFY(undone.parsed().at("branch_removed").get<bool>());
        const json branches = run({QStringLiteral("branches")}).parsed();
        QCOMPARE(branches.size(), size_t(4));

        // Nothing left: the demo's own rows are not journaled.
        const QString sha = test::projectFilesSha256(project);
        const Run nothing = runCli(on(project, {QStringLiteral("undo")}));
        QString why;
        QVERIFY2(isCleanFailure(nothing, &why), qPrintable(why));
        QVERIFY(nothing.err.contains("nothing to undo"));
        QCOMPARE(test::projectFilesSha256(project), sha);

        // Every write is in the audit log.
        const json log = run({QStringLiteral("log")}).parsed();
        QSet<std::string> actions;
        for (const json &entry : log)
            actions.insert(entry.at("action").get<std::string>());
        QVERIFY(actions.contains("copy"));
        QVERIFY(actions.contains("sync"));
        QVERIFY(actions.contains("undo"));
    }

    void dryRunWritesNothing()
    {
        const QString project = freshCopy(QStringLiteral("dryrun.lbproj"));
        const QString before = test::projectFilesSha256(project);
        const Run run = runCli(
            on(project, {QStringLiteral("sync"), QStringLiteral("--source"), QStringLiteral("pre-labels-v1"),
                         QStringLiteral("--target"), QStringLiteral("main"), QStringLiteral("--dry-run"),
                         QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, qPrintable(run.errText()));
        const json plan = run.parsed();
        QVERIFY(plan.at("dry_run").get<bool>());
        QVERIFY(plan.at("target_exists").get<bool>());
        QVERIFY(plan.at("to_replace").get<int>() > 0);
        QCOMPARE(plan.at("items").size(),
                 size_t(plan.at("to_create").get<int>() + plan.at("to_replace").get<int>() +
                        plan.at("unchanged").get<int>() + plan.at("to_skip").get<int>()));
        QCOMPARE(test::projectFilesSha256(project), before);

        const Run text = runCli(on(project, {QStringLiteral("copy"), QStringLiteral("--source"),
                                             QStringLiteral("main"), QStringLiteral("--target"),
                                             QStringLiteral("new-branch"), QStringLiteral("--dry-run")}));
        QCOMPARE(text.exitCode, 0);
        QVERIFY(text.out.contains("nothing was written"));
        QVERIFY(text.out.contains("would be created"));
        QCOMPARE(test::projectFilesSha256(project), before);
    }

    void snapshotExportImport()
    {
        const QString project = freshCopy(QStringLiteral("snapshot.lbproj"));
        const Run snap = runCli(on(project, {QStringLiteral("snapshot"), QStringLiteral("--source"),
                                             QStringLiteral("main"), QStringLiteral("--json")}));
        QVERIFY2(snap.exitCode == 0, qPrintable(snap.errText()));
        const json snapshot = snap.parsed();
        QVERIFY(QString::fromStdString(snapshot.at("branch").get<std::string>())
                    .startsWith(QLatin1String("export-")));
        QCOMPARE(snapshot.at("count").get<int>(), m_mainRows);

        const QString exported = m_dir.filePath(QStringLiteral("main-export.json"));
        const Run exp = runCli(on(project, {QStringLiteral("export"), QStringLiteral("--branch"),
                                            QStringLiteral("main"), QStringLiteral("--out"), exported}));
        QVERIFY2(exp.exitCode == 0, qPrintable(exp.errText()));
        const json rows = json::parse(test::readFile(exported).toStdString(), nullptr, false);
        QVERIFY(rows.is_array());
        QCOMPARE(int(rows.size()), m_mainRows);
        QVERIFY(rows.at(0).contains("data_units"));

        const Run imported =
            runCli(on(project, {QStringLiteral("import"), QStringLiteral("--branch"),
                                QStringLiteral("imported"), exported, QStringLiteral("--json")}));
        QVERIFY2(imported.exitCode == 0, qPrintable(imported.errText()));
        QCOMPARE(imported.parsed().at("count").get<int>(), m_mainRows);

        const Run diff = runCli(on(project, {QStringLiteral("diff"), QStringLiteral("main"),
                                             QStringLiteral("imported"), QStringLiteral("--json")}));
        QCOMPARE(diff.exitCode, 0);
        QCOMPARE(diff.parsed().at("summary").at("differences").get<int>(), 0);
        QCOMPARE(diff.parsed().at("summary").at("identical").get<int>(), m_mainRows);

        const Run branchCreate =
            runCli(on(project, {QStringLiteral("branch"), QStringLiteral("create"), QStringLiteral("scratch"),
                                QStringLiteral("--from"), QStringLiteral("main")}));
        QVERIFY2(branchCreate.exitCode == 0, qPrintable(branchCreate.errText()));
        const Run branchRename =
            runCli(on(project, {QStringLiteral("branch"), QStringLiteral("rename"), QStringLiteral("scratch"),
                                QStringLiteral("scratch-2")}));
        QVERIFY2(branchRename.exitCode == 0, qPrintable(branchRename.errText()));
        const Run branchDelete = runCli(
            on(project, {QStringLiteral("branch"), QStringLiteral("delete"), QStringLiteral("scratch-2")}));
        QVERIFY2(branchDelete.exitCode == 0, qPrintable(branchDelete.errText()));
        QString why;
        const Run deleteMain =
            runCli(on(project, {QStringLiteral("branch"), QStringLiteral("delete"), QStringLiteral("main")}));
        QVERIFY2(isCleanFailure(deleteMain, &why), qPrintable(why));
    }

    // Export streams to a file or to standard output with the same bytes; rows and diff print whole JSON.
    void streamedOutputsStayWhole()
    {
        const QString project = freshCopy(QStringLiteral("stream.lbproj"));
        const QString file = m_dir.filePath(QStringLiteral("stream-export.json"));
        const Run toFile = runCli(on(project, {QStringLiteral("export"), QStringLiteral("--branch"),
                                               QStringLiteral("main"), QStringLiteral("--out"), file}));
        QVERIFY2(toFile.exitCode == 0, qPrintable(toFile.errText()));
        const Run toStdout =
            runCli(on(project, {QStringLiteral("export"), QStringLiteral("--branch"), QStringLiteral("main"),
                                QStringLiteral("--out"), QStringLiteral("-")}));
        QVERIFY2(toStdout.exitCode == 0, qPrintable(toStdout.errText()));
        const QByteArray bytes = test::readFile(file);
        QCOMPARE(toStdout.out, bytes);
        QVERIFY(bytes.startsWith("[\n{"));
        QVERIFY(bytes.endsWith("}\n]\n"));
        QCOMPARE(bytes.count("},\n{"), m_mainRows - 1);

        const Run rows = runCli(on(project, {QStringLiteral("rows"), QStringLiteral("--branch"),
                                             QStringLiteral("main"), QStringLiteral("--json")}));
        QCOMPARE(rows.exitCode, 0);
        QCOMPARE(int(rows.parsed().size()), m_mainRows);
        QCOMPARE(rows.out, JsonOutput::dump(rows.parsed()));
        const Run diff = runCli(on(project, {QStringLiteral("diff"), QStringLiteral("main"),
                                             QStringLiteral("pre-labels-v1"), QStringLiteral("--json")}));
        QCOMPARE(diff.exitCode, 0);
        QCOMPARE(diff.out, JsonOutput::dump(diff.parsed()));
    }

    // Input that is no JSON array, or never ends a row, fails at once with a reason instead of filling
    // memory.
    void importOfEndlessInputFailsCleanly()
    {
        const QString project = freshCopy(QStringLiteral("endless.lbproj"));
        const QString before = test::projectFilesSha256(project);
        const QString brackets = m_dir.filePath(QStringLiteral("brackets.json"));
        QVERIFY(test::writeFile(brackets, QByteArray(50 * 1024 * 1024, '[')));
        const QString notClosed = m_dir.filePath(QStringLiteral("not-closed.json"));
        QVERIFY(test::writeFile(notClosed, "[ \n"));
        const QList<QPair<QString, QByteArray>> cases = {
            {QStringLiteral("/dev/zero"), "expected a JSON array of label rows"},
            {brackets, "nested more than"},
            {notClosed, "not closed"}};
        for (const auto &[path, reason] : cases) {
            const Run run = runCli(on(project, {QStringLiteral("import"), QStringLiteral("--branch"),
                                                QStringLiteral("endless"), path}));
            QString why;
            QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
            QVERIFY2(run.err.contains(reason), run.err.constData());
            QVERIFY2(run.err.contains(path.toUtf8()), run.err.constData());
        }
        QCOMPARE(test::projectFilesSha256(project), before);
    }

    void badInputsFailCleanlyAndChangeNothing_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode"); // 0: any non-zero

        const QString p = QStringLiteral("@project");
        QTest::newRow("missing project file")
            << QStringList{QStringLiteral("--project"), m_dir.filePath(QStringLiteral("nope.lbproj")),
                           QStringLiteral("branches")}
            << 1;
        QTest::newRow("no project at all") << QStringList{QStringLiteral("branches")} << 1;
        QTest::newRow("not a project")
            << QStringList{QStringLiteral("--project"), QStringLiteral("@text"), QStringLiteral("branches")}
            << 1;
        // Values the engine refuses before reading anything are usage errors, like a bad option value.
        QTest::newRow("bad branch name")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("copy"),      QStringLiteral("--source"),
                           QStringLiteral("main"),      QStringLiteral("--target"),
                           QStringLiteral(" padded ")}
            << 2;
        QTest::newRow("control character in name")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("snapshot"),  QStringLiteral("--source"),
                           QStringLiteral("main"),      QStringLiteral("--name"),
                           QStringLiteral("a\tb")}
            << 2;
        QTest::newRow("same source and target")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("copy"),      QStringLiteral("--source"),
                           QStringLiteral("main"),      QStringLiteral("--target"),
                           QStringLiteral("main")}
            << 2;
        QTest::newRow("same source and target, dry run")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("sync"),      QStringLiteral("--source"),
                           QStringLiteral("main"),      QStringLiteral("--target"),
                           QStringLiteral("main"),      QStringLiteral("--dry-run")}
            << 2;
        QTest::newRow("batch size 0")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("copy"),      QStringLiteral("--target"),
                           QStringLiteral("x"),         QStringLiteral("--batch-size"),
                           QStringLiteral("0")}
            << 2;
        QTest::newRow("batch size 1001")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("copy"),      QStringLiteral("--target"),
                           QStringLiteral("x"),         QStringLiteral("--batch-size"),
                           QStringLiteral("1001")}
            << 2;
        QTest::newRow("batch size not a number")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("copy"),      QStringLiteral("--target"),
                           QStringLiteral("x"),         QStringLiteral("--batch-size"),
                           QStringLiteral("ten")}
            << 2;
        QTest::newRow("unknown source branch")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("copy"),      QStringLiteral("--source"),
                           QStringLiteral("nope"),      QStringLiteral("--target"),
                           QStringLiteral("x")}
            << 1;
        QTest::newRow("missing hashes file")
            << QStringList{QStringLiteral("--project"),
                           p,
                           QStringLiteral("copy"),
                           QStringLiteral("--target"),
                           QStringLiteral("x"),
                           QStringLiteral("--data-hashes-file"),
                           m_dir.filePath(QStringLiteral("no-such-file.txt"))}
            << 1;
        QTest::newRow("malformed import")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("import"),    QStringLiteral("--branch"),
                           QStringLiteral("imported"),  QStringLiteral("@badimport")}
            << 1;
        QTest::newRow("import into existing rows")
            << QStringList{QStringLiteral("--project"), p,
                           QStringLiteral("import"),    QStringLiteral("--branch"),
                           QStringLiteral("main"),      QStringLiteral("@goodimport")}
            << 1;
        QTest::newRow("demo onto an existing file")
            << QStringList{QStringLiteral("demo"), QStringLiteral("--out"), p} << 1;
        QTest::newRow("demo size zero") << QStringList{QStringLiteral("demo"), QStringLiteral("--out"),
                                                       m_dir.filePath(QStringLiteral("zero.lbproj")),
                                                       QStringLiteral("--size"), QStringLiteral("0")}
                                        << 2;
        QTest::newRow("diff with one branch")
            << QStringList{QStringLiteral("--project"), p, QStringLiteral("diff"), QStringLiteral("main")}
            << 2;
        QTest::newRow("undo unknown branch")
            << QStringList{QStringLiteral("--project"), p, QStringLiteral("undo"), QStringLiteral("--branch"),
                           QStringLiteral("nope")}
            << 1;
    }

    void badInputsFailCleanlyAndChangeNothing()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);

        const QString project = freshCopy(QStringLiteral("bad.lbproj"));
        const QString text = m_dir.filePath(QStringLiteral("notes.txt"));
        QVERIFY(test::writeFile(text, "just some notes, not a project\n"));
        // An Encord export whose second row is broken (data_units is not an object).
        const QString badImport = m_dir.filePath(QStringLiteral("bad-import.json"));
        const QString goodImport = m_dir.filePath(QStringLiteral("good-import.json"));
        {
            auto rows = DemoGenerator(DemoGenerator::kSmallSize).rows(QStringLiteral("main"), 0, 5);
            QVERIFY(rows.ok());
            json array = json::array();
            for (const LabelRowDocument &row : rows.value())
                array.push_back(row.json());
            QVERIFY(test::writeFile(goodImport, QByteArray::fromStdString(array.dump())));
            array[1]["data_title"] = "broken-row.jpg";
            array[1]["data_units"] = 42;
            QVERIFY(test::writeFile(badImport, QByteArray::fromStdString(array.dump())));
        }
        for (QString &arg : args) {
            if (arg == QLatin1String("@project"))
                arg = project;
            else if (arg == QLatin1String("@text"))
                arg = text;
            else if (arg == QLatin1String("@badimport"))
                arg = badImport;
            else if (arg == QLatin1String("@goodimport"))
                arg = goodImport;
        }
        const QString projectBefore = test::projectFilesSha256(project);
        const QString textBefore = test::fileSha256(text);
        const QStringList listAll =
            on(project, {QStringLiteral("rows"), QStringLiteral("--all-branches"), QStringLiteral("--json")});
        const QByteArray rowsBefore = runCli(listAll).out;

        const Run run = runCli(args);
        QString why;
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why + QStringLiteral(" / ") + run.errText()));
        if (exitCode != 0)
            QCOMPARE(run.exitCode, exitCode);
        QCOMPARE(test::projectFilesSha256(project), projectBefore);
        QCOMPARE(runCli(listAll).out, rowsBefore);
        QCOMPARE(test::fileSha256(text), textBefore);
        if (QByteArray(QTest::currentDataTag()) == "malformed import")
            QVERIFY2(run.err.contains("broken-row.jpg") || run.err.contains("row 2") ||
                         run.err.contains("row 1"),
                     run.err.constData());
        if (QByteArray(QTest::currentDataTag()) == "same source and target")
            QVERIFY2(run.err.contains("different"), run.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("zero.lbproj"))));
    }

    void ctrlCCancelsBetweenBatches()
    {
        const QString project = m_dir.filePath(QStringLiteral("interrupt.lbproj"));
        QVERIFY(DemoGenerator(1500, 11).writeProject(project).ok());
        QProcessEnvironment env = test::cleanCliEnvironment();
        env.insert(QStringLiteral("LABELBRANCH_PROGRESS"), QStringLiteral("always"));
        QProcess process;
        process.setProcessEnvironment(env);
        process.start(
            QStringLiteral(LB_CLI_PATH),
            on(project, {QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                         QStringLiteral("--target"), QStringLiteral("interrupted"),
                         QStringLiteral("--batch-size"), QStringLiteral("1"), QStringLiteral("--json")}));
        QVERIFY(process.waitForStarted());
        // The progress line shows that the copy runs, so the handler is in place.
        QByteArray err;
        while (!err.contains("batches") && process.state() == QProcess::Running) {
            process.waitForReadyRead(1000);
            err += process.readAllStandardError();
        }
        const qint64 pid = process.processId();
        if (process.state() == QProcess::Running && pid > 0)
            ::kill(static_cast<pid_t>(pid), SIGINT);
        QVERIFY(process.waitForFinished(120000));
        QCOMPARE(process.exitStatus(), QProcess::NormalExit);
        const json result = json::parse(process.readAllStandardOutput().toStdString(), nullptr, false);
        QVERIFY(result.is_object());

        auto store = SqliteStore::open(project);
        QVERIFY(store.ok());
        RowQuery query;
        query.branch = QStringLiteral("interrupted");
        auto count = store.value()->countRows(query);
        QVERIFY(count.ok());
        QCOMPARE(count.value(), result.at("count").get<int>()); // what it says it kept is what is there
        if (process.exitCode() == 130) {
            QVERIFY(result.at("cancelled").get<bool>());
            QVERIFY(result.at("count").get<int>() < result.at("batches").at("total").get<int>());
            err += process.readAllStandardError();
            QVERIFY(err.contains("labelbranch-cli: cancelled"));
        } else {
            // Finished before the signal arrived: every row was copied and the late signal did not kill it.
            QCOMPARE(process.exitCode(), 0);
            QCOMPARE(result.at("cancelled").get<bool>(), false);
            RowQuery mainRows;
            mainRows.branch = QStringLiteral("main");
            auto mainCount = store.value()->countRows(mainRows);
            QVERIFY(mainCount.ok());
            QCOMPARE(count.value(), mainCount.value());
        }
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
