// labelbranch-cli metrics: a prediction branch measured against a reference branch on a project made from
// exports, against a table worked out by hand: a data unit identical on both, one with a near miss and a
// class confusion, one only the reference has and one only the prediction has.

#include "clirun.h"
#include "demo/demogenerator.h"
#include "enginefixture.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;
using namespace lb::test;
using json = nlohmann::json;

namespace {

struct Box
{
    const char *hash;
    bool apple;
    double x, y;
};

// An image row of `branch` for data unit `unit` with 0.2 x 0.2 boxes.
json rowOf(int unit, const QString &branch, const QList<Box> &boxes)
{
    json row = imageRowJson(unit, branch, labelHashFor(branch == QLatin1String("main") ? 0 : 1, unit), 0, 0);
    json &objects = row["data_units"].begin().value()["labels"]["objects"];
    for (const Box &box : boxes) {
        objects.push_back({{"name", box.apple ? "Apple" : "Pear"},
                           {"color", box.apple ? "#D33115" : "#E27300"},
                           {"shape", "bounding_box"},
                           {"objectHash", box.hash},
                           {"featureHash", (box.apple ? kAppleHash : kPearHash).toStdString()},
                           {"confidence", 1.0},
                           {"manualAnnotation", true},
                           {"boundingBox", {{"x", box.x}, {"y", box.y}, {"w", 0.2}, {"h", 0.2}}}});
        row["object_answers"][box.hash] = {{"objectHash", box.hash}, {"classifications", json::array()}};
    }
    return row;
}

const json *classNamed(const json &report, const char *name)
{
    for (const json &entry : report.at("classes"))
        if (entry.at("name") == name)
            return &entry;
    return nullptr;
}

} // namespace

class TestCliMetrics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // Reference main, prediction pre.
        json rows = json::array();
        rows.push_back(rowOf(0, QStringLiteral("main"), {{"s1", true, 0.1, 0.1}, {"s2", true, 0.6, 0.1}}));
        rows.push_back(rowOf(0, QStringLiteral("pre"), {{"s1", true, 0.1, 0.1}, {"s2", true, 0.6, 0.1}}));
        rows.push_back(rowOf(1, QStringLiteral("main"), {{"A", true, 0.0, 0.0}, {"B", false, 0.5, 0.5}}));
        rows.push_back(rowOf(1, QStringLiteral("pre"), {{"a", true, 0.02, 0.0}, {"b", true, 0.5, 0.5}}));
        rows.push_back(rowOf(2, QStringLiteral("main"), {{"C", false, 0.3, 0.3}}));
        rows.push_back(rowOf(3, QStringLiteral("pre"), {{"D", true, 0.3, 0.3}}));
        const QString file = m_dir.filePath(QStringLiteral("rows.json"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::fromStdString(rows.dump()));
        out.close();
        m_project = m_dir.filePath(QStringLiteral("p.lbproj"));
        const CliRun made = runCli({QStringLiteral("init"), QStringLiteral("--out"), m_project, file});
        QVERIFY2(made.exitCode == 0, made.err.constData());
    }

    void byHand()
    {
        const CliRun run = metrics({QStringLiteral("pre"), QStringLiteral("main"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json report = run.parsed();
        QCOMPARE(report.at("reference"), "main");
        QCOMPARE(report.at("prediction"), "pre");
        const json *apple = classNamed(report, "Apple");
        QVERIFY(apple);
        QCOMPARE(apple->at("tp").get<int>(), 3); // two identical, one near miss
        QCOMPARE(apple->at("fp").get<int>(), 2); // the apple where the pear is, and D
        QCOMPARE(apple->at("fn").get<int>(), 0);
        QCOMPARE(apple->at("precision").get<double>(), 0.6);
        QCOMPARE(apple->at("recall").get<double>(), 1.0);
        QVERIFY(qAbs(apple->at("mean_iou").get<double>() - (2.0 + 0.036 / 0.044) / 3.0) < 1e-9);
        const json *pear = classNamed(report, "Pear");
        QVERIFY(pear);
        QCOMPARE(pear->at("tp").get<int>(), 0);
        QCOMPARE(pear->at("fn").get<int>(), 2); // B taken for an apple, C missed
        QVERIFY(pear->at("precision").is_null());
        QCOMPARE(pear->at("recall").get<double>(), 0.0);
        QCOMPARE(report.at("overall").at("tp").get<int>(), 3);
        QCOMPARE(report.at("overall").at("fn").get<int>(), 2);

        QMap<QString, int> cells;
        for (const json &cell : report.at("confusion")) {
            const auto side = [](const json &v) {
                return v.is_null() ? QStringLiteral("-") : QString::fromStdString(v.get<std::string>());
            };
            cells.insert(side(cell.at("reference")) + QLatin1Char('>') + side(cell.at("predicted")),
                         cell.at("count").get<int>());
        }
        QMap<QString, int> expected;
        expected[kAppleHash + QStringLiteral(">") + kAppleHash] = 3;
        expected[kPearHash + QStringLiteral(">") + kAppleHash] = 1;
        expected[kPearHash + QStringLiteral(">-")] = 1;
        expected[QStringLiteral("->") + kAppleHash] = 1;
        QCOMPARE(cells, expected);
    }

    // Three data units of the small demo, whose pre-labels carry the model's own object hashes, exported and
    // made into a project: a row the model got right (5 objects), one with a false-positive pedestrian at the
    // image's right edge beside a true one (11 on main, 12 predicted) and one where the model missed one of
    // two traffic lights 22 px apart (13 on main, 12 predicted). Every other object is where main has it.
    void threeDemoUnitsByHand()
    {
        const QStringList units = {QStringLiteral("47a57c22-4f8f-43d0-9447-3485dd706c46"),
                                   QStringLiteral("0f7ed9a7-fdf5-40fd-8916-9011ec1ed5c2"),
                                   QStringLiteral("2bdfa6f0-b17c-430d-b669-abb87bebae47")};
        const DemoGenerator generator(DemoGenerator::kSmallSize);
        json rows = json::array();
        for (const QString &branch : {QStringLiteral("main"), DemoGenerator::preLabelsBranch()}) {
            auto generated = generator.rows(branch, 0, generator.size());
            QVERIFY2(generated.ok(), qPrintable(generated.error()));
            for (const LabelRowDocument &row : generated.value()) {
                if (units.contains(row.dataHash()))
                    rows.push_back(row.json());
            }
        }
        QCOMPARE(int(rows.size()), 6);
        const QString file = m_dir.filePath(QStringLiteral("demo-rows.json"));
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(QByteArray::fromStdString(rows.dump()));
        out.close();
        const QString project = m_dir.filePath(QStringLiteral("demo3.lbproj"));
        const CliRun made = runCli({QStringLiteral("init"), QStringLiteral("--out"), project, file});
        QVERIFY2(made.exitCode == 0, made.err.constData());

        const CliRun run =
            runCli({QStringLiteral("--project"), project, QStringLiteral("metrics"),
                    DemoGenerator::preLabelsBranch(), QStringLiteral("main"), QStringLiteral("--json")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json report = run.parsed();
        struct Expected
        {
            const char *name;
            int tp, fp, fn;
        };
        const Expected table[] = {{"Car", 2 + 3, 0, 0},
                                  {"Cyclist", 1 + 1, 0, 0},
                                  {"Drivable area", 1 + 1 + 1, 0, 0},
                                  {"Lane marking", 3 + 2 + 3, 0, 0},
                                  {"Pedestrian", 3, 1, 0},
                                  {"Traffic light", 2 + 1, 0, 1},
                                  {"Traffic sign", 1 + 2, 0, 0},
                                  {"Truck", 1, 0, 0}};
        QCOMPARE(int(report.at("classes").size()), int(std::size(table)));
        for (const Expected &row : table) {
            const json *entry = classNamed(report, row.name);
            QVERIFY2(entry, row.name);
            QCOMPARE(entry->at("tp").get<int>(), row.tp);
            QCOMPARE(entry->at("fp").get<int>(), row.fp);
            QCOMPARE(entry->at("fn").get<int>(), row.fn);
            QCOMPARE(entry->at("mean_iou").get<double>(), 1.0); // every match is the very same shape
        }
        QCOMPARE(report.at("overall").at("tp").get<int>(), 28);
        QCOMPARE(report.at("overall").at("fp").get<int>(), 1);
        QCOMPARE(report.at("overall").at("fn").get<int>(), 1);
        QCOMPARE(report.at("overall").at("precision").get<double>(), 28.0 / 29.0);
        QCOMPARE(report.at("overall").at("recall").get<double>(), 28.0 / 29.0);
        int confusions = 0, extra = 0, missed = 0;
        for (const json &cell : report.at("confusion")) {
            if (cell.at("reference").is_null())
                extra += cell.at("count").get<int>();
            else if (cell.at("predicted").is_null())
                missed += cell.at("count").get<int>();
            else if (cell.at("reference") != cell.at("predicted"))
                confusions += cell.at("count").get<int>();
        }
        QCOMPARE(confusions, 0);
        QCOMPARE(extra, 1);
        QCOMPARE(missed, 1);
    }

    // The other branch as the reference swaps misses and extras; a class filter leaves the others out.
    void referenceSideAndClassFilter()
    {
        const CliRun swapped =
            metrics({QStringLiteral("pre"), QStringLiteral("main"), QStringLiteral("--reference"),
                     QStringLiteral("source"), QStringLiteral("--json")});
        QVERIFY2(swapped.exitCode == 0, swapped.err.constData());
        QCOMPARE(swapped.parsed().at("overall").at("fn").get<int>(), 2);
        QCOMPARE(swapped.parsed().at("overall").at("fp").get<int>(), 2);
        QCOMPARE(classNamed(swapped.parsed(), "Apple")->at("recall").get<double>(), 0.6);

        const CliRun pears =
            metrics({QStringLiteral("pre"), QStringLiteral("main"), QStringLiteral("--class"),
                     QStringLiteral("pear"), QStringLiteral("--json")});
        QVERIFY2(pears.exitCode == 0, pears.err.constData());
        QCOMPARE(int(pears.parsed().at("classes").size()), 1);
        QCOMPARE(classNamed(pears.parsed(), "Pear")->at("fn").get<int>(), 2);
        QVERIFY(pears.parsed().at("overall").at("fp").get<int>() == 0);
    }

    // A stricter threshold turns the near miss into a miss and an extra.
    void thresholdAndTable()
    {
        const CliRun strict = metrics({QStringLiteral("pre"), QStringLiteral("main"), QStringLiteral("--iou"),
                                       QStringLiteral("0.9"), QStringLiteral("--json")});
        QVERIFY2(strict.exitCode == 0, strict.err.constData());
        QCOMPARE(classNamed(strict.parsed(), "Apple")->at("tp").get<int>(), 2);
        QCOMPARE(classNamed(strict.parsed(), "Apple")->at("fn").get<int>(), 1);

        const CliRun table = metrics({QStringLiteral("pre"), QStringLiteral("main")});
        QVERIFY2(table.exitCode == 0, table.err.constData());
        const QString text = QString::fromUtf8(table.out);
        QVERIFY2(text.contains(QStringLiteral("all classes")), table.out.constData());
        QVERIFY2(text.contains(QStringLiteral("Confusion matrix")), table.out.constData());
        QVERIFY2(text.contains(QStringLiteral("0.600")), table.out.constData());
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("one branch") << QStringList{QStringLiteral("pre")}
                                    << QStringLiteral("SOURCE and TARGET");
        QTest::newRow("bad iou") << QStringList{QStringLiteral("pre"), QStringLiteral("main"),
                                                QStringLiteral("--iou"), QStringLiteral("2")}
                                 << QStringLiteral("--iou");
        QTest::newRow("bad side") << QStringList{QStringLiteral("pre"), QStringLiteral("main"),
                                                 QStringLiteral("--reference"), QStringLiteral("both")}
                                  << QStringLiteral("--reference");
        QTest::newRow("unknown class") << QStringList{QStringLiteral("pre"), QStringLiteral("main"),
                                                      QStringLiteral("--class"), QStringLiteral("Plum")}
                                       << QStringLiteral("Plum");
        QTest::newRow("unknown branch")
            << QStringList{QStringLiteral("pre"), QStringLiteral("nope")} << QStringLiteral("nope");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const CliRun run = metrics(arguments);
        QString why;
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
        QVERIFY2(run.errText().contains(message), run.err.constData());
    }

private:
    CliRun metrics(const QStringList &arguments) const
    {
        return runCli(QStringList{QStringLiteral("--project"), m_project, QStringLiteral("metrics")} +
                      arguments);
    }

    QTemporaryDir m_dir;
    QString m_project;
};

QTEST_GUILESS_MAIN(TestCliMetrics)
#include "tst_cli_metrics.moc"
