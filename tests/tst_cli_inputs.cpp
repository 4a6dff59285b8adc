// Hostile and mistaken input to the command line: hash lists that never end or are not text, hashes that
// match nothing, JSON nested without end, and a disk that fills up during an export. Each is refused (or
// named) with a readable message, exits without a signal and leaves the project as it was; so does an import
// onto a full disk.

#include "clirun.h"
#include "demo/demogenerator.h"
#include "domain/boundedjson.h"
#include "testsupport.h"

#include <nlohmann/json.hpp>
#include <QDir>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using lb::test::isCleanFailure;
using lb::test::runCli;
using json = nlohmann::json;
using Run = test::CliRun;

namespace {

// A row of the demo with a member nested `depth` levels deep inside its data units.
QByteArray rowNested(const json &row, int depth)
{
    std::string deep(std::size_t(depth), '[');
    deep += "1";
    deep += std::string(std::size_t(depth), ']');
    std::string text = row.dump();
    // Inside the first data unit's object: data_units itself is keyed by data hash.
    const std::size_t units = text.find("\"data_units\":{");
    const std::size_t unit = text.find('{', text.find(':', units + 14));
    text.insert(unit + 1, "\"deep\":" + deep + ",");
    return QByteArray::fromStdString("[" + text + "]");
}

} // namespace

class TestCliInputs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_demo;
    json m_firstRow;

    QString freshCopy(const QString &name)
    {
        const QString path = m_dir.filePath(name);
        QFile::remove(path);
        if (!QFile::copy(m_demo, path))
            qWarning("cannot copy the demo project");
        return path;
    }

    static QStringList on(const QString &project, QStringList args)
    {
        return QStringList{QStringLiteral("--project"), project} + args;
    }

    static QStringList copyArgs(const QString &project, const QStringList &extra)
    {
        return on(project,
                  QStringList{QStringLiteral("copy"), QStringLiteral("--source"), QStringLiteral("main"),
                              QStringLiteral("--target"), QStringLiteral("picked")} +
                      extra);
    }

    void expectCleanFailure(const Run &run, const QByteArray &reason)
    {
        QString why;
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why + QStringLiteral(" / ") + run.errText()));
        QVERIFY2(run.err.contains(reason), run.err.constData());
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_demo = m_dir.filePath(QStringLiteral("demo.lbproj"));
        QVERIFY(DemoGenerator(DemoGenerator::kSmallSize).writeProject(m_demo).ok());
        auto rows = DemoGenerator(DemoGenerator::kSmallSize).rows(QStringLiteral("main"), 0, 1);
        QVERIFY(rows.ok() && rows->size() == 1);
        m_firstRow = rows->constFirst().json();
    }

    // A hashes file is read a line at a time: the first byte no hash can hold, an endless line or a binary
    // file fails at once (before this, /dev/zero filled memory).
    void hashesFilesThatAreNotListsFailAtOnce_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("reason");
        QTest::newRow("/dev/zero") << QStringLiteral("/dev/zero")
                                   << QByteArray("line 1, column 1: byte 0x00");
        QTest::newRow("one endless line") << QStringLiteral("@long") << QByteArray("line 2 is longer than");
        QTest::newRow("binary") << QStringLiteral("@binary") << QByteArray("line 1, column 2: byte 0x89");
        QTest::newRow("JSON instead of lines")
            << QStringLiteral("@json") << QByteArray("line 1, column 1: '['");
    }

    void hashesFilesThatAreNotListsFailAtOnce()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, reason);
        if (file == QLatin1String("@long")) {
            file = m_dir.filePath(QStringLiteral("long.txt"));
            QVERIFY(test::writeFile(file, "# one hash per line\n" + QByteArray(8 * 1024 * 1024, 'a')));
        } else if (file == QLatin1String("@binary")) {
            file = m_dir.filePath(QStringLiteral("image.png"));
            QVERIFY(test::writeFile(file, QByteArray("P\x89PNG\r\n\x1a\n", 9) + QByteArray(4096, '\0')));
        } else if (file == QLatin1String("@json")) {
            file = m_dir.filePath(QStringLiteral("hashes.json"));
            QVERIFY(test::writeFile(file, "[\"a\", \"b\"]\n"));
        }
        const QString project = freshCopy(QStringLiteral("hashes.lbproj"));
        const QString before = test::projectFilesSha256(project);
        const Run run = runCli(copyArgs(project, {QStringLiteral("--data-hashes-file"), file}));
        expectCleanFailure(run, reason);
        QVERIFY2(run.err.contains(file.toUtf8()), run.err.constData());
        QCOMPARE(test::projectFilesSha256(project), before);
    }

    void hashesFileTakesCommentsCommasAndWindowsLines()
    {
        const QString project = freshCopy(QStringLiteral("listed.lbproj"));
        const std::string first = m_firstRow.at("data_hash").get<std::string>();
        const QString file = m_dir.filePath(QStringLiteral("list.txt"));
        QVERIFY(test::writeFile(file, QByteArray("\xEF\xBB\xBF# picked by hand\r\n") +
                                          QByteArray::fromStdString(first) + ", " +
                                          QByteArray::fromStdString(first) + "  # twice\r\n\r\n"));
        const Run run = runCli(copyArgs(project, {QStringLiteral("--data-hashes-file"), file,
                                                  QStringLiteral("--dry-run"), QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json plan = run.parsed();
        QCOMPARE(plan.at("items").size(), std::size_t(1));
        QCOMPARE(plan.at("items")[0].at("data_hash").get<std::string>(), first);
        QCOMPARE(plan.at("unknown").at("data_hash_count").get<int>(), 0);
    }

    // A typo copies nothing, as on Encord, but it is named on stderr and in --json; --strict refuses.
    void unknownHashesAreNamed()
    {
        const QString project = freshCopy(QStringLiteral("typo.lbproj"));
        const QString first = QString::fromStdString(m_firstRow.at("data_hash").get<std::string>());
        QStringList args = {QStringLiteral("--data-hash"), first};
        for (int i = 1; i <= 12; ++i)
            args << QStringLiteral("--data-hash") << QStringLiteral("no-such-unit-%1").arg(i);
        args << QStringLiteral("--label-hash") << QStringLiteral("no-such-row");

        const QString before = test::projectFilesSha256(project);
        const Run strict = runCli(copyArgs(project, args + QStringList{QStringLiteral("--strict")}));
        expectCleanFailure(strict, "12 data hashes are not in this project: no-such-unit-1, no-such-unit-2");
        QVERIFY2(strict.err.contains("and 2 more"), strict.err.constData());
        QVERIFY2(strict.err.contains("nothing was copied"), strict.err.constData());
        QCOMPARE(strict.exitCode, 1);
        QCOMPARE(test::projectFilesSha256(project), before);
        const Run strictPlan = runCli(
            copyArgs(project, args + QStringList{QStringLiteral("--strict"), QStringLiteral("--dry-run")}));
        expectCleanFailure(strictPlan, "12 data hashes are not in this project");

        const Run run = runCli(copyArgs(project, args + QStringList{QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.err.contains("labelbranch-cli: warning: 12 data hashes are not in this project: "
                                  "no-such-unit-1, "),
                 run.err.constData());
        QVERIFY2(run.err.contains("no-such-unit-10 and 2 more\n"), run.err.constData());
        QVERIFY2(
            run.err.contains("labelbranch-cli: warning: 1 label hash matches no row of \"main\" in scope: "
                             "no-such-row\n"),
            run.err.constData());
        const json unknown = run.parsed().at("unknown");
        QCOMPARE(unknown.at("data_hash_count").get<int>(), 12);
        QCOMPARE(unknown.at("data_hashes").size(), std::size_t(10));
        QCOMPARE(unknown.at("data_hashes")[0].get<std::string>(), std::string("no-such-unit-1"));
        QCOMPARE(unknown.at("label_hashes"), json::array({"no-such-row"}));

        // A hash that exists is never named.
        const Run good =
            runCli(on(project, {QStringLiteral("sync"), QStringLiteral("--target"), QStringLiteral("picked"),
                                QStringLiteral("--data-hash"), first}));
        QVERIFY2(good.exitCode == 0 && good.err.isEmpty(), good.err.constData());
    }

    void reviewNamesEveryUnknownUnit()
    {
        const QString project = freshCopy(QStringLiteral("review.lbproj"));
        const Run run = runCli(
            on(project, {QStringLiteral("review"), QStringLiteral("approve"), QStringLiteral("--source"),
                         QStringLiteral("pre-labels-v1"), QStringLiteral("--target"), QStringLiteral("main"),
                         QStringLiteral("--data-hash"), QStringLiteral("typo-1"),
                         QStringLiteral("--data-hash"), QStringLiteral("typo-2")}));
        expectCleanFailure(run, "2 data hashes are not in this project: typo-1, typo-2; nothing was decided");
    }

    // One nesting limit for every JSON read: an import row past it is refused by number and nothing is
    // written; a row within it imports and exports; a stored row past it fails the export, not the process.
    void nestingPastTheLimitIsRefusedByName()
    {
        const QString project = freshCopy(QStringLiteral("deep.lbproj"));
        const QString before = test::projectFilesSha256(project);
        const QString tooDeep = m_dir.filePath(QStringLiteral("too-deep.json"));
        QVERIFY(test::writeFile(tooDeep, rowNested(m_firstRow, boundedjson::kMaxDepth)));
        const Run refused = runCli(on(project, {QStringLiteral("import"), QStringLiteral("--branch"),
                                                QStringLiteral("deep"), tooDeep}));
        expectCleanFailure(refused, "row 1 is nested more than 256 levels deep");
        QCOMPARE(test::projectFilesSha256(project), before);
        const QString endless = m_dir.filePath(QStringLiteral("endless.json"));
        QVERIFY(test::writeFile(endless, rowNested(m_firstRow, 100000)));
        expectCleanFailure(runCli(on(project, {QStringLiteral("import"), QStringLiteral("--branch"),
                                               QStringLiteral("deep"), endless})),
                           "nested more than 256 levels deep");
        QCOMPARE(test::projectFilesSha256(project), before);

        const QString deep = m_dir.filePath(QStringLiteral("deep.json"));
        QVERIFY(test::writeFile(deep, rowNested(m_firstRow, 200)));
        const Run imported =
            runCli(on(project, {QStringLiteral("import"), QStringLiteral("--branch"), QStringLiteral("deep"),
                                QStringLiteral("--overwrite"), deep}));
        QVERIFY2(imported.exitCode == 0, imported.err.constData());
        const QString out = m_dir.filePath(QStringLiteral("deep-out.json"));
        const Run exported = runCli(on(project, {QStringLiteral("export"), QStringLiteral("--branch"),
                                                 QStringLiteral("deep"), QStringLiteral("--out"), out}));
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY(test::readFile(out).contains("[[[[[[[[1]]]]]]]]"));

        // The stored content made deeper than any writer would: the export refuses it by name.
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("poison"));
            db.setDatabaseName(project);
            QVERIFY(db.open());
            const QByteArray poisoned = rowNested(m_firstRow, 300);
            QSqlQuery query(db);
            QVERIFY(query.prepare(QStringLiteral(
                "UPDATE label_content_bytes SET content = ? WHERE content_id = (SELECT content_id FROM "
                "label_rows WHERE branch_id = (SELECT id FROM branches WHERE name = 'deep'))")));
            query.addBindValue(qCompress(poisoned.mid(1, poisoned.size() - 2)));
            QVERIFY(query.exec());
            QCOMPARE(query.numRowsAffected(), 1);
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("poison"));
        QFile::remove(out);
        const Run poisoned = runCli(on(project, {QStringLiteral("export"), QStringLiteral("--branch"),
                                                 QStringLiteral("deep"), QStringLiteral("--out"), out}));
        expectCleanFailure(poisoned, "nested more than 256 levels deep");
        QVERIFY(!QFileInfo::exists(out));
    }

    // The operating system's reason and the path, and no half file under the final name.
    void exportThatCannotBeWrittenSaysWhy()
    {
        const QString project = freshCopy(QStringLiteral("export.lbproj"));
        const QString folder = m_dir.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(folder));
        const QString out = folder + QStringLiteral("/main.json");
        const Run run =
            test::runCliWithFileLimit(on(project, {QStringLiteral("export"), QStringLiteral("--branch"),
                                                   QStringLiteral("main"), QStringLiteral("--out"), out}),
                                      256 * 1024);
        expectCleanFailure(run, QByteArray(QByteArray("File too large (writing ") + out.toUtf8() + ")"));
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::Hidden), QStringList());

        // A real full file system where one can be mounted (root, outside a restricted container).
        const QString small = m_dir.filePath(QStringLiteral("small-fs"));
        QVERIFY(QDir().mkpath(small));
        if (QProcess::execute(QStringLiteral("mount"),
                              {QStringLiteral("-t"), QStringLiteral("tmpfs"), QStringLiteral("-o"),
                               QStringLiteral("size=256k"), QStringLiteral("tmpfs"), small}) != 0) {
            qInfo("no tmpfs could be mounted here; the full-disk case ran with a file size limit only");
            return;
        }
        const QString full = small + QStringLiteral("/main.json");
        const Run onFull = runCli(on(project, {QStringLiteral("export"), QStringLiteral("--branch"),
                                               QStringLiteral("main"), QStringLiteral("--out"), full}));
        const QStringList left = QDir(small).entryList(QDir::Files | QDir::Hidden);
        QProcess::execute(QStringLiteral("umount"), {small});
        expectCleanFailure(onFull,
                           QByteArray(QByteArray("No space left on device (writing ") + full.toUtf8() + ")"));
        QCOMPARE(left, QStringList());
    }

    // An import that runs out of room fails with the OS's words and the project's path, and leaves the
    // project as it was: a failed first batch is rolled back at once, a failure after finished batches
    // (when taking them back cannot be written either) when the project is next opened.
    void importThatCannotBeWrittenLeavesNothing()
    {
        const QString demo = m_dir.filePath(QStringLiteral("import-demo.lbproj"));
        QVERIFY(DemoGenerator(600).writeProject(demo).ok());
        const QString exported = m_dir.filePath(QStringLiteral("import-main.json"));
        QCOMPARE(runCli(on(demo, {QStringLiteral("export"), QStringLiteral("--branch"),
                                  QStringLiteral("main"), QStringLiteral("--out"), exported}))
                     .exitCode,
                 0);
        // New label content (other object hashes), so the import has to grow the file.
        QFile file(exported);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray changed = file.readAll().replace("\"objectHash\":\"", "\"objectHash\":\"z");
        file.close();
        const QString input = m_dir.filePath(QStringLiteral("import-changed.json"));
        QFile out(input);
        QVERIFY(out.open(QIODevice::WriteOnly) && out.write(changed) == changed.size());
        out.close();
        const QByteArray mainBefore = runCli(on(demo, {QStringLiteral("rows"), QStringLiteral("--branch"),
                                                       QStringLiteral("main"), QStringLiteral("--json")}))
                                          .out;

        int failedPartWay = 0;
        for (const qint64 limit : {400 * 1024, 1200 * 1024}) {
            const QString project = m_dir.filePath(QStringLiteral("import-full-%1.lbproj").arg(limit));
            QFile::remove(project);
            QVERIFY(QFile::copy(demo, project));
            const Run run =
                test::runCliWithFileLimit(on(project, {QStringLiteral("import"), QStringLiteral("--branch"),
                                                       QStringLiteral("imp"), input}),
                                          limit);
            expectCleanFailure(run,
                               QByteArray(QByteArray("File too large (writing ") + project.toUtf8() + ")"));
            if (run.err.contains("rolled back when the project is next opened"))
                ++failedPartWay;

            const Run branches = runCli(on(project, {QStringLiteral("branches")})); // opens: rolls back
            QVERIFY2(branches.exitCode == 0 && !branches.out.contains("imp"), branches.out.constData());
            const Run rows = runCli(on(project, {QStringLiteral("rows"), QStringLiteral("--branch"),
                                                 QStringLiteral("main"), QStringLiteral("--json")}));
            QCOMPARE(rows.out, mainBefore);
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("full"));
            db.setDatabaseName(project);
            QVERIFY(db.open());
            QSqlQuery check(db);
            QVERIFY(check.exec(QStringLiteral("PRAGMA integrity_check")) && check.next());
            QCOMPARE(check.value(0).toString(), QStringLiteral("ok"));
            QVERIFY(check.exec(QStringLiteral("SELECT COUNT(*) FROM operations WHERE undone = 0")) &&
                    check.next());
            QCOMPARE(check.value(0).toInt(), 0); // the import is undone: nothing of it counts
            check = QSqlQuery();
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("full"));
        }
        // The limits are chosen so that one run fails in the first batch and one after a finished batch.
        QCOMPARE(failedPartWay, 1);
    }
};

QTEST_GUILESS_MAIN(TestCliInputs)
#include "tst_cli_inputs.moc"
