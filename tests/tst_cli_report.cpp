// labelbranch-cli report on a small demo project: one self-contained HTML file (inline SVG chart, PNG
// overlays as data: URIs, nothing external), its metrics table equal to `metrics --json`, Markdown, escaped
// names, and the gates: exit 3 naming the failed gate with the report still written, 0 when they pass, 2 for
// a malformed gate.

#include "clirun.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb::test;
using json = nlohmann::json;

namespace {

const QString kSource = QStringLiteral("pre-labels-v1");
const QString kTarget = QStringLiteral("main");

QString readText(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

// The cells of the metrics table's row for `key` (a feature hash, or "*" for all classes).
QStringList metricsRow(const QString &html, const QString &key)
{
    const qsizetype table = html.indexOf(QStringLiteral("<table id=\"metrics\">"));
    const qsizetype start = html.indexOf(QStringLiteral("<tr data-key=\"%1\">").arg(key), table);
    const qsizetype end = html.indexOf(QStringLiteral("</tr>"), start);
    if (table < 0 || start < 0 || end < 0)
        return {};
    static const QRegularExpression cell(QStringLiteral("<td[^>]*>([^<]*)</td>"));
    QStringList cells;
    for (const QRegularExpressionMatch &m : cell.globalMatch(html.mid(start, end - start)))
        cells.append(m.captured(1));
    return cells;
}

QString ratioText(const json &value)
{
    return value.is_null() ? QStringLiteral("-") : QString::number(value.get<double>(), 'f', 3);
}

} // namespace

class TestCliReport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_project = m_dir.filePath(QStringLiteral("p.lbproj"));
        const CliRun made = runCli({QStringLiteral("demo"), QStringLiteral("--out"), m_project,
                                    QStringLiteral("--size"), QStringLiteral("80")});
        QVERIFY2(made.exitCode == 0, made.err.constData());
    }

    // One file, opened by a browser as it is: no reference to anything outside it.
    void htmlIsOneSelfContainedFile()
    {
        const QString folder = freshFolder(QStringLiteral("html"));
        const QString out = folder + QStringLiteral("/r.html");
        // Headless: no display, no platform asked for.
        QProcessEnvironment env = cleanCliEnvironment();
        for (const char *name : {"QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"})
            env.remove(QString::fromLatin1(name));
        const CliRun run = runCli(
            report({QStringLiteral("--format"), QStringLiteral("html"), QStringLiteral("--out"), out}), env);
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QVERIFY2(run.out.contains("Report written to"), run.out.constData());
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("r.html")});
        const QString html = readText(out);
        QVERIFY(html.startsWith(QStringLiteral("<!DOCTYPE html>")));
        QVERIFY(html.contains(QStringLiteral("<svg xmlns=\"http://www.w3.org/2000/svg\"")));
        QVERIFY(html.contains(QStringLiteral("<style>")));
        // Every src is a data: URI; no stylesheet, script or frame is loaded from elsewhere.
        static const QRegularExpression source(QStringLiteral("\\b(?:src|href)=\"([^\"]*)\""));
        int images = 0;
        for (const QRegularExpressionMatch &m : source.globalMatch(html)) {
            QVERIFY2(m.captured(1).startsWith(QStringLiteral("data:image/png;base64,")),
                     qPrintable(m.captured(0).left(80)));
            ++images;
        }
        QVERIFY(images > 0);
        QVERIFY(!html.contains(QStringLiteral("<link")));
        QVERIFY(!html.contains(QStringLiteral("<script")));
        // The first overlay is a PNG of the size the report draws (at most 720 × 480).
        static const QRegularExpression png(QStringLiteral("data:image/png;base64,([A-Za-z0-9+/=]+)"));
        const QByteArray bytes = QByteArray::fromBase64(png.match(html).captured(1).toLatin1());
        QVERIFY(bytes.startsWith("\x89PNG\r\n\x1a\n"));
        const auto be32 = [&bytes](int at) {
            return (quint32(quint8(bytes[at])) << 24) | (quint32(quint8(bytes[at + 1])) << 16) |
                   (quint32(quint8(bytes[at + 2])) << 8) | quint32(quint8(bytes[at + 3]));
        };
        QVERIFY(be32(16) > 100 && be32(16) <= 720);
        QVERIFY(be32(20) > 50 && be32(20) <= 480);
        // As many overlays as rows in the table of the most changed data units.
        QCOMPARE(html.count(QStringLiteral("<figure><img")), images);
        QVERIFY(images <= 10);
        m_html = html;
    }

    // The metrics table holds what `metrics --json` prints for the same pair.
    void metricsTableEqualsMetricsJson()
    {
        if (m_html.isEmpty())
            QSKIP("needs the report of htmlIsOneSelfContainedFile");
        const CliRun metrics = runCli({QStringLiteral("--project"), m_project, QStringLiteral("metrics"),
                                       kSource, kTarget, QStringLiteral("--json")});
        QVERIFY2(metrics.exitCode == 0, metrics.err.constData());
        const json measured = metrics.parsed();
        QVERIFY(!measured.at("classes").empty());
        auto check = [this](const QString &key, const json &quality) {
            const QStringList cells = metricsRow(m_html, key);
            QVERIFY2(cells.size() == 8, qPrintable(key));
            QCOMPARE(cells.at(1), QString::number(quality.at("tp").get<int>()));
            QCOMPARE(cells.at(2), QString::number(quality.at("fp").get<int>()));
            QCOMPARE(cells.at(3), QString::number(quality.at("fn").get<int>()));
            QCOMPARE(cells.at(4), ratioText(quality.at("precision")));
            QCOMPARE(cells.at(5), ratioText(quality.at("recall")));
            QCOMPARE(cells.at(6), ratioText(quality.at("f1")));
            QCOMPARE(cells.at(7), ratioText(quality.at("mean_iou")));
        };
        for (const json &entry : measured.at("classes")) {
            check(QString::fromStdString(entry.at("feature_hash").get<std::string>()), entry);
            QVERIFY(
                m_html.contains(QString::fromStdString(entry.at("name").get<std::string>()).toHtmlEscaped()));
        }
        check(QStringLiteral("*"), measured.at("overall"));
        QVERIFY(m_html.contains(QStringLiteral("<td class=\"n\">80</td>"))); // data units compared
    }

    void markdownIsOneFile()
    {
        const QString folder = freshFolder(QStringLiteral("md"));
        const QString out = folder + QStringLiteral("/r.md");
        const CliRun run =
            runCli(report({QStringLiteral("--out"), out, QStringLiteral("--top"), QStringLiteral("3")}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        QCOMPARE(QDir(folder).entryList(QDir::Files | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("r.md")});
        const QString md = readText(out);
        QVERIFY(md.startsWith(QStringLiteral("# Report: ")));
        QVERIFY(md.contains(QStringLiteral("## Quality metrics")));
        QVERIFY(md.contains(QStringLiteral("](data:image/svg+xml;base64,")));
        QCOMPARE(md.count(QStringLiteral("](data:image/png;base64,")), 3);
    }

    // Names from the project are text in the report, never markup.
    void namesAreEscaped()
    {
        const QString hostile = QStringLiteral("<b>x&y</b>");
        const CliRun made = runCli({QStringLiteral("--project"), m_project, QStringLiteral("branch"),
                                    QStringLiteral("create"), hostile, QStringLiteral("--from"), kSource});
        QVERIFY2(made.exitCode == 0, made.err.constData());
        const QString out = freshFolder(QStringLiteral("hostile")) + QStringLiteral("/r.html");
        const CliRun run =
            runCli({QStringLiteral("--project"), m_project, QStringLiteral("report"), hostile, kTarget,
                    QStringLiteral("--out"), out, QStringLiteral("--top"), QStringLiteral("1")});
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const QString html = readText(out);
        QVERIFY(!html.contains(hostile));
        QVERIFY(html.contains(QStringLiteral("&lt;b&gt;x&amp;y&lt;/b&gt;")));
    }

    void failedGateExitsThreeAndStillWrites()
    {
        const QString out = freshFolder(QStringLiteral("gate")) + QStringLiteral("/r.html");
        const CliRun run =
            runCli(report({QStringLiteral("--out"), out, QStringLiteral("--fail-if"),
                           QStringLiteral("recall<0"), QStringLiteral("--fail-if"),
                           QStringLiteral("changed>0%"), QStringLiteral("--top"), QStringLiteral("0")}));
        QCOMPARE(run.exitCode, 3);
        QVERIFY(run.out.isEmpty());
        QVERIFY2(run.errText().contains(QStringLiteral("gate failed: changed>0%: ")), run.err.constData());
        QVERIFY2(run.errText().contains(QStringLiteral("of the data units are changed")),
                 run.err.constData());
        QVERIFY2(!run.errText().contains(QStringLiteral("recall<0")), run.err.constData());
        const QString html = readText(out);
        QVERIFY(html.contains(QStringLiteral("<td class=\"failed\">FAILED</td>")));
        QVERIFY(html.contains(QStringLiteral("<td class=\"passed\">passed</td>")));
    }

    void passingGatesExitZero()
    {
        const QString out = freshFolder(QStringLiteral("pass")) + QStringLiteral("/r.html");
        const CliRun run = runCli(
            report({QStringLiteral("--out"), out, QStringLiteral("--fail-if"), QStringLiteral("changed>100%"),
                    QStringLiteral("--fail-if"), QStringLiteral("f1<0"), QStringLiteral("--json")}));
        QVERIFY2(run.exitCode == 0, run.err.constData());
        const json result = run.parsed();
        QCOMPARE(result.at("units_compared").get<int>(), 80);
        QCOMPARE(int(result.at("gates").size()), 2);
        for (const json &gate : result.at("gates"))
            QCOMPARE(gate.at("failed").get<bool>(), false);
        QVERIFY(QFile::exists(out));
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("malformed gate")
            << QStringList{kSource, kTarget, QStringLiteral("--fail-if"), QStringLiteral("recall<<0.9")}
            << QStringLiteral("--fail-if");
        QTest::newRow("unknown metric")
            << QStringList{kSource, kTarget, QStringLiteral("--fail-if"), QStringLiteral("speed>3")}
            << QStringLiteral("unknown metric");
        QTest::newRow("unknown class")
            << QStringList{kSource, kTarget, QStringLiteral("--fail-if"), QStringLiteral("recall[Plum]<0.9")}
            << QStringLiteral("Plum");
        QTest::newRow("bad format") << QStringList{kSource, kTarget, QStringLiteral("--format"),
                                                   QStringLiteral("pdf")}
                                    << QStringLiteral("--format");
        QTest::newRow("one branch") << QStringList{kSource} << QStringLiteral("SOURCE and TARGET");
        QTest::newRow("unknown branch")
            << QStringList{kSource, QStringLiteral("nope")} << QStringLiteral("nope");
    }

    void usageErrors()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        const QString out = freshFolder(QStringLiteral("usage")) + QStringLiteral("/r.html");
        const CliRun run =
            runCli(QStringList{QStringLiteral("--project"), m_project, QStringLiteral("report")} + arguments +
                   QStringList{QStringLiteral("--out"), out});
        QString why;
        QVERIFY2(isCleanFailure(run, &why), qPrintable(why));
        QVERIFY2(run.errText().contains(message), run.err.constData());
        if (arguments.size() == 2 || arguments.contains(QStringLiteral("--fail-if")))
            QCOMPARE(run.exitCode, arguments.contains(QStringLiteral("nope")) ? 1 : 2);
        QVERIFY(!QFile::exists(out));
    }

    void missingOutIsAUsageError()
    {
        const CliRun run = runCli(report({}));
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.errText().contains(QStringLiteral("--out")), run.err.constData());
    }

private:
    QStringList report(const QStringList &options) const
    {
        return QStringList{QStringLiteral("--project"), m_project, QStringLiteral("report"), kSource,
                           kTarget} +
               options;
    }

    QString freshFolder(const QString &name) const
    {
        const QString path = m_dir.filePath(name + QString::number(++m_folders));
        QDir().mkpath(path);
        return path;
    }

    QTemporaryDir m_dir;
    QString m_project;
    QString m_html;
    mutable int m_folders = 0;
};

QTEST_GUILESS_MAIN(TestCliReport)
#include "tst_cli_report.moc"
