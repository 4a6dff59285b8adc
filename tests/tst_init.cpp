// A project made from Encord export files (labelbranch-cli init): the data units, branches and rows the
// exports hold, an ontology given or inferred, and nothing left behind when a file is bad.

#include "clirun.h"
#include "demo/demogenerator.h"
#include "domain/encordontology.h"
#include "modalityrows.h"
#include "project/projectfromexports.h"
#include "store/sqlite/sqlitestore.h"
#include "testsupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using namespace lb::test;
using json = nlohmann::json;

namespace {

bool writeBytes(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(bytes) == bytes.size();
}

QHash<QString, json> exportedRows(const QString &project, const QString &branch, const QString &out)
{
    const CliRun run = runCli({QStringLiteral("--project"), project, QStringLiteral("export"),
                               QStringLiteral("--branch"), branch, QStringLiteral("--out"), out});
    if (run.exitCode != 0)
        qFatal("export failed: %s", run.err.constData());
    QFile file(out);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the export");
    QHash<QString, json> rows;
    for (const json &row : json::parse(file.readAll().toStdString()))
        rows.insert(QString::fromStdString(row.at("data_hash").get<std::string>()), row);
    return rows;
}

} // namespace

class TestInit : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    // The demo's branches exported and made into a new project give back the same rows.
    void exportsOfTwoBranchesBecomeAProjectWithThoseBranches()
    {
        const QString demo = m_dir.filePath(QStringLiteral("demo.lbproj"));
        QVERIFY(DemoGenerator(60).writeProject(demo).ok());
        const QString mainFile = m_dir.filePath(QStringLiteral("main.json"));
        const QString preFile = m_dir.filePath(QStringLiteral("pre.json"));
        const QHash<QString, json> main = exportedRows(demo, QStringLiteral("main"), mainFile);
        const QHash<QString, json> pre = exportedRows(demo, DemoGenerator::preLabelsBranch(), preFile);

        const QString made = m_dir.filePath(QStringLiteral("made.lbproj"));
        const CliRun run = runCli({QStringLiteral("init"), QStringLiteral("--out"), made,
                                   QStringLiteral("--json"), mainFile, preFile});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json report = run.parsed();
        QCOMPARE(report.at("rows").get<int>(), int(main.size() + pre.size()));
        QCOMPARE(report.at("branches").size(), std::size_t(2));
        QVERIFY(report.at("ontology_inferred").get<bool>());
        QVERIFY(report.at("object_classes").get<int>() > 0);

        const auto same = [](QHash<QString, json> a, QHash<QString, json> b) {
            if (a.size() != b.size())
                return false;
            for (auto it = a.begin(); it != a.end(); ++it) {
                json other = b.value(it.key());
                other.erase("branch_name");
                it->erase("branch_name");
                if (*it != other)
                    return false;
            }
            return true;
        };
        QVERIFY(same(exportedRows(made, QStringLiteral("main"), m_dir.filePath(QStringLiteral("m2.json"))),
                     main));
        QVERIFY(same(
            exportedRows(made, DemoGenerator::preLabelsBranch(), m_dir.filePath(QStringLiteral("p2.json"))),
            pre));
        // The diff of the two branches is the demo's,
        const CliRun before =
            runCli({QStringLiteral("--project"), demo, QStringLiteral("diff"), QStringLiteral("main"),
                    DemoGenerator::preLabelsBranch(), QStringLiteral("--json")});
        const CliRun after =
            runCli({QStringLiteral("--project"), made, QStringLiteral("diff"), QStringLiteral("main"),
                    DemoGenerator::preLabelsBranch(), QStringLiteral("--json")});
        // but for the data units no export names: they have no row on any branch, so they are not in it.
        json expected = before.parsed().at("summary");
        const json actual = after.parsed().at("summary");
        const int unnamed = expected.at("uninitialised_on_both").get<int>();
        QCOMPARE(actual.at("total").get<int>(), expected.at("total").get<int>() - unnamed);
        expected["total"] = actual.at("total");
        expected["uninitialised_on_both"] = 0;
        QCOMPARE(actual, expected);
    }

    // Rows of every data type: units get their types, the ontology is inferred (or read from a file).
    void everyDataTypeAndAGivenOntology()
    {
        json rows = json::array();
        for (const ModalityCase &c : modalityCases())
            rows.push_back(c.row);
        const QString file = m_dir.filePath(QStringLiteral("modalities.json"));
        QVERIFY(writeBytes(file, QByteArray::fromStdString(rows.dump())));

        const QString inferred = m_dir.filePath(QStringLiteral("inferred.lbproj"));
        const Result<ProjectFromExports::Report> report = ProjectFromExports::create(inferred, {file}, {});
        QVERIFY2(report.ok(), qPrintable(report.error()));
        QCOMPARE(report->dataUnits, int(modalityCases().size()));
        QVERIFY(report->ontologyInferred);
        QCOMPARE(report->objectClasses, 3);
        auto store = SqliteStore::open(inferred);
        QVERIFY(store.ok());
        const Result<Ontology> ontology = store.value()->ontology();
        QVERIFY(ontology.ok());
        QCOMPARE(ontology->title, ProjectFromExports::inferredOntologyTitle());
        QVERIFY(ontology->object(kSpeechHash));
        const QHash<QString, DataType> types = unitTypesOf(*store.value());
        QCOMPARE(types.size(), modalityCases().size());
        for (const ModalityCase &c : modalityCases())
            QCOMPARE(types.value(caseDataHash(c)), c.unitType);

        // An ontology as Encord exports it, structure inside.
        const json export_ = {{"title", "Road"},
                              {"ontology_hash", "0n70-1"},
                              {"structure",
                               {{"objects", json::array({{{"featureNodeHash", kCarHash.toStdString()},
                                                          {"name", "Car"},
                                                          {"shape", "bounding_box"},
                                                          {"color", "#D33115"}}})},
                                {"classifications", json::array()}}}};
        const Result<Ontology> given = ontologyFromEncordFile(export_);
        QVERIFY(given.ok());
        ProjectFromExports::Options options;
        options.ontology = given.value();
        options.title = QStringLiteral("Given");
        const QString withOntology = m_dir.filePath(QStringLiteral("given.lbproj"));
        const Result<ProjectFromExports::Report> second =
            ProjectFromExports::create(withOntology, {file}, options);
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QVERIFY(!second->ontologyInferred);
        auto reopened = SqliteStore::open(withOntology);
        QVERIFY(reopened.ok());
        QCOMPARE(reopened.value()->ontology()->title, QStringLiteral("Road"));
        QCOMPARE(reopened.value()->projectInfo().title, QStringLiteral("Given"));
        QVERIFY(!ontologyFromEncordFile(json{{"title", "nothing"}}).ok());
    }

    // A bad row, a clash of types, an existing file: a clear error and no project file.
    void aBadExportLeavesNoProject_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("message");
        const json good = modalityCases().constFirst().row;
        json badRow = good;
        badRow["data_units"] = 42;
        json otherType = good;
        otherType["data_type"] = "img_group";
        otherType["label_hash"] = "1abe1000-0000-4000-8000-0000000000ff";
        otherType["branch_name"] = "other";
        QTest::newRow("not json") << QByteArray("[{\"a\":") << QStringLiteral("modalities-bad.json");
        QTest::newRow("bad row") << QByteArray::fromStdString(json::array({good, badRow}).dump())
                                 << QStringLiteral("data_units");
        QTest::newRow("two types") << QByteArray::fromStdString(json::array({good, otherType}).dump())
                                   << QStringLiteral(
                                          "has the type \"image\" in one row and \"img_group\" in another");
        QTest::newRow("same row twice") << QByteArray::fromStdString(json::array({good, good}).dump())
                                        << QStringLiteral("more than one row for data unit");
        json otherBranch = good;
        otherBranch["branch_name"] = "review";
        QTest::newRow("twice on one of two branches")
            << QByteArray::fromStdString(json::array({good, otherBranch, otherBranch}).dump())
            << QStringLiteral("on branch \"review\"");
        json badBranch = good;
        badBranch["branch_name"] = " padded";
        QTest::newRow("bad branch name") << QByteArray::fromStdString(json::array({good, badBranch}).dump())
                                         << QStringLiteral("must not start with white space");
        QTest::newRow("no rows") << QByteArray("[]") << QStringLiteral("hold no label rows");
    }

    void aBadExportLeavesNoProject()
    {
        QFETCH(QByteArray, content);
        QFETCH(QString, message);
        const QString file = m_dir.filePath(QStringLiteral("modalities-bad.json"));
        QVERIFY(writeBytes(file, content));
        const QString out = m_dir.filePath(QStringLiteral("bad.lbproj"));
        QFile::remove(out);
        const CliRun run = runCli({QStringLiteral("init"), QStringLiteral("--out"), out, file});
        QString why;
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
        QVERIFY2(run.errText().contains(message), qPrintable(run.errText()));
        QVERIFY(!QFile::exists(out));
        QVERIFY(!QFile::exists(out + QStringLiteral(".partial")));
    }

    // An import into an existing project adds the data units of its rows when asked; without the option it
    // is refused whole, and a row twice is refused with nothing added.
    void importAddsTheDataUnitsItBrings()
    {
        const QList<ModalityCase> cases = modalityCases();
        const qsizetype half = cases.size() / 2;
        json first = json::array(), all = json::array();
        for (qsizetype i = 0; i < cases.size(); ++i) {
            if (i < half)
                first.push_back(cases.at(i).row);
            all.push_back(cases.at(i).row);
        }
        const QString firstFile = m_dir.filePath(QStringLiteral("first.json"));
        const QString allFile = m_dir.filePath(QStringLiteral("all.json"));
        QVERIFY(writeBytes(firstFile, QByteArray::fromStdString(first.dump())));
        QVERIFY(writeBytes(allFile, QByteArray::fromStdString(all.dump())));
        const QString project = m_dir.filePath(QStringLiteral("grown.lbproj"));
        QVERIFY(ProjectFromExports::create(project, {firstFile}, {}).ok());
        const auto unitCount = [&] {
            auto store = SqliteStore::open(project);
            return store ? int(store.value()->dataUnits()->size()) : -1;
        };
        QCOMPARE(unitCount(), int(half));
        const auto import = [&](const QString &file, const QStringList &extra) {
            return runCli(QStringList{QStringLiteral("--project"), project, QStringLiteral("import"),
                                      QStringLiteral("--branch"), QStringLiteral("more"),
                                      QStringLiteral("--json")} +
                          extra + QStringList{file});
        };

        const CliRun refused = import(allFile, {});
        QString why;
        QVERIFY2(isCleanFailure(refused, &why), qPrintable(why));
        QVERIFY2(refused.errText().contains(QStringLiteral("is not in this project")),
                 refused.err.constData());
        QCOMPARE(unitCount(), int(half));

        json twice = all;
        twice.push_back(cases.constLast().row);
        const QString twiceFile = m_dir.filePath(QStringLiteral("twice.json"));
        QVERIFY(writeBytes(twiceFile, QByteArray::fromStdString(twice.dump())));
        const CliRun duplicate = import(twiceFile, {QStringLiteral("--add-data-units")});
        QVERIFY2(isCleanFailure(duplicate, &why), qPrintable(why));
        QVERIFY2(duplicate.errText().contains(QStringLiteral("more than one row")),
                 duplicate.err.constData());
        QCOMPARE(unitCount(), int(half));

        const CliRun added = import(allFile, {QStringLiteral("--add-data-units")});
        QVERIFY2(added.exitCode == 0, added.err.constData());
        QCOMPARE(added.parsed().at("data_units_added").get<int>(), int(cases.size() - half));
        QCOMPARE(added.parsed().at("created").get<int>(), int(cases.size()));
        QCOMPARE(unitCount(), int(cases.size()));
        auto store = SqliteStore::open(project);
        QVERIFY(store.ok());
        const QHash<QString, DataType> types = unitTypesOf(*store.value());
        for (const ModalityCase &c : cases)
            QCOMPARE(types.value(caseDataHash(c)), c.unitType);
        store.value().reset();
        const QHash<QString, json> exported =
            exportedRows(project, QStringLiteral("more"), m_dir.filePath(QStringLiteral("more.json")));
        for (const ModalityCase &c : cases) {
            // A label hash names a row of one branch: the rows main already has get new ones on "more".
            json expected = c.row;
            json actual = exported.value(QString::fromStdString(c.row.at("data_hash").get<std::string>()));
            expected.erase("branch_name");
            expected.erase("label_hash");
            QCOMPARE(QString::fromStdString(actual["branch_name"].get<std::string>()),
                     QStringLiteral("more"));
            actual.erase("branch_name");
            actual.erase("label_hash");
            QVERIFY2(actual == expected,
                     qPrintable(c.name + QString::fromStdString(json::diff(expected, actual).dump())));
        }
    }

    void usageErrors()
    {
        const QString existing = m_dir.filePath(QStringLiteral("exists.lbproj"));
        QVERIFY(writeBytes(existing, "x"));
        const CliRun noFiles = runCli({QStringLiteral("init"), QStringLiteral("--out"), existing});
        QCOMPARE(noFiles.exitCode, 2);
        const CliRun noOut = runCli({QStringLiteral("init"), existing});
        QCOMPARE(noOut.exitCode, 2);
        const CliRun exists = runCli({QStringLiteral("init"), QStringLiteral("--out"), existing, existing});
        QVERIFY(exists.exitCode != 0);
        QVERIFY2(exists.errText().contains(QStringLiteral("already exists")), exists.err.constData());
        QFile file(existing);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), QByteArray("x"));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestInit)
#include "tst_init.moc"
