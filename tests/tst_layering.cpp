#include <QDirIterator>
#include <QHash>
#include <QRegularExpression>
#include <QSet>
#include <QtTest>

// The layers of docs/architecture.md, checked on the sources: every include of a labelbranch header names
// its layer, and a layer includes only the layers below it.
class TestLayering : public QObject
{
    Q_OBJECT

    struct Include
    {
        QString file; // relative to the source root
        int line = 0;
        QString target; // as written between the quotes
    };

    static QString sourceRoot() { return QStringLiteral(LB_SOURCE_DIR); }

    // model/store/sqlite/x.h -> "store/sqlite"; model/engine/x.h -> "engine"; ui/tabs/x.h -> "ui".
    static QString layerOfModelPath(const QString &insideModel)
    {
        const QStringList parts = insideModel.split(QLatin1Char('/'));
        if (parts.size() < 2)
            return QString(); // a file directly in model/: not allowed
        if (parts.size() >= 3 && (parts[0] == QLatin1String("store") || parts[0] == QLatin1String("encord")))
            return parts[0] + QLatin1Char('/') + parts[1];
        return parts[0];
    }

    static QString layerOfFile(const QString &relative)
    {
        if (relative.startsWith(QLatin1String("model/")))
            return layerOfModelPath(relative.mid(6));
        return relative.section(QLatin1Char('/'), 0, 0) == QLatin1String("app")
                   ? QStringLiteral("app/") + relative.section(QLatin1Char('/'), 1, 1)
                   : relative.section(QLatin1Char('/'), 0, 0);
    }

    static QList<Include> includesUnder(const QString &folder)
    {
        static const QRegularExpression pattern(QStringLiteral("^\\s*#\\s*include\\s+\"([^\"]+)\""));
        QList<Include> out;
        QDirIterator it(sourceRoot() + QLatin1Char('/') + folder,
                        {QStringLiteral("*.h"), QStringLiteral("*.cpp")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QFile file(path);
            if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
                continue;
            const QString relative = QDir(sourceRoot()).relativeFilePath(path);
            int lineNumber = 0;
            while (!file.atEnd()) {
                ++lineNumber;
                const QRegularExpressionMatch match = pattern.match(QString::fromUtf8(file.readLine()));
                if (match.hasMatch())
                    out.append(Include{relative, lineNumber, match.captured(1)});
            }
        }
        return out;
    }

    // The model's headers by the layer that holds them ("store/sqlite/sqlitestore.h" -> "store/sqlite").
    static QHash<QString, QString> modelHeaders()
    {
        QHash<QString, QString> out;
        const QString model = sourceRoot() + QStringLiteral("/model");
        QDirIterator it(model, {QStringLiteral("*.h")}, QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString relative = QDir(model).relativeFilePath(it.next());
            out.insert(relative, layerOfModelPath(relative));
        }
        // The widget-free painting library: its headers are included as "render/x.h".
        QDirIterator render(sourceRoot() + QStringLiteral("/render"), {QStringLiteral("*.h")}, QDir::Files);
        while (render.hasNext())
            out.insert(QStringLiteral("render/") + QFileInfo(render.next()).fileName(), QStringLiteral("render"));
        return out;
    }

    // What each layer may include besides itself. Everything above "project" reaches stores through the
    // Store interface and opens projects through project/.
    static QHash<QString, QSet<QString>> allowed()
    {
        const QSet<QString> domain = {QStringLiteral("domain")};
        const QSet<QString> base = domain + QSet<QString>{QStringLiteral("diff"), QStringLiteral("store")};
        const QSet<QString> aboveStores =
            base + QSet<QString>{QStringLiteral("engine"), QStringLiteral("jobs"),   QStringLiteral("items"),
                                 QStringLiteral("output"), QStringLiteral("demo"),   QStringLiteral("project"),
                                 QStringLiteral("report"), QStringLiteral("render")};
        return {
            {QStringLiteral("domain"), {}},
            {QStringLiteral("diff"), domain},
            {QStringLiteral("store"), domain},
            {QStringLiteral("store/sqlite"), domain + QSet<QString>{QStringLiteral("store")}},
            {QStringLiteral("engine"), base},
            {QStringLiteral("jobs"), domain + QSet<QString>{QStringLiteral("store")}},
            {QStringLiteral("items"), base + QSet<QString>{QStringLiteral("engine"), QStringLiteral("jobs")}},
            {QStringLiteral("output"), domain + QSet<QString>{QStringLiteral("diff")}},
            {QStringLiteral("report"), base + QSet<QString>{QStringLiteral("engine")}},
            {QStringLiteral("render"), domain + QSet<QString>{QStringLiteral("diff"), QStringLiteral("report")}},
            {QStringLiteral("demo"), base + QSet<QString>{QStringLiteral("store/sqlite")}},
            {QStringLiteral("encord/ssh"), domain},
            {QStringLiteral("encord/api"), domain + QSet<QString>{QStringLiteral("encord/ssh")}},
            {QStringLiteral("encord"),
             base + QSet<QString>{QStringLiteral("store/sqlite"), QStringLiteral("encord/api"),
                                  QStringLiteral("encord/ssh")}},
            {QStringLiteral("project"),
             base + QSet<QString>{QStringLiteral("engine"), QStringLiteral("store/sqlite"),
                                  QStringLiteral("encord"), QStringLiteral("encord/api"),
                                  QStringLiteral("encord/ssh")}},
            {QStringLiteral("ui"), aboveStores},
            {QStringLiteral("app/cli"), aboveStores},
            {QStringLiteral("app/gui"), aboveStores},
        };
    }

private Q_SLOTS:
    void everyModelFileIsInALayer()
    {
        const QHash<QString, QString> headers = modelHeaders();
        QVERIFY2(headers.size() > 50, "the model's headers were not found");
        const QHash<QString, QSet<QString>> rules = allowed();
        for (auto it = headers.cbegin(); it != headers.cend(); ++it)
            QVERIFY2(rules.contains(it.value()),
                     qPrintable(QStringLiteral("model/%1 is in no known layer").arg(it.key())));
    }

    void includesNameTheLayer_data()
    {
        QTest::addColumn<QString>("folder");
        for (const char *folder : {"model", "render", "ui", "app"})
            QTest::newRow(folder) << QString::fromLatin1(folder);
    }

    void includesNameTheLayer()
    {
        QFETCH(QString, folder);
        const QHash<QString, QString> headers = modelHeaders();
        QSet<QString> bareNames;
        for (auto it = headers.cbegin(); it != headers.cend(); ++it)
            bareNames.insert(it.key().section(QLatin1Char('/'), -1));
        QStringList problems;
        for (const Include &include : includesUnder(folder)) {
            if (!include.target.contains(QLatin1Char('/')) && bareNames.contains(include.target))
                problems << QStringLiteral("%1:%2 includes \"%3\" without its layer")
                                .arg(include.file)
                                .arg(include.line)
                                .arg(include.target);
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void layersIncludeOnlyWhatIsBelowThem_data()
    {
        QTest::addColumn<QString>("folder");
        for (const char *folder : {"model", "render", "ui", "app"})
            QTest::newRow(folder) << QString::fromLatin1(folder);
    }

    void layersIncludeOnlyWhatIsBelowThem()
    {
        QFETCH(QString, folder);
        const QHash<QString, QString> headers = modelHeaders();
        const QHash<QString, QSet<QString>> rules = allowed();
        QStringList problems;
        for (const Include &include : includesUnder(folder)) {
            const auto target = headers.constFind(include.target);
            if (target == headers.cend())
                continue; // a header of the same folder (ui/, app/cli/) or a generated one
            const QString from = layerOfFile(include.file);
            if (from == target.value())
                continue;
            if (!rules.value(from).contains(target.value()))
                problems << QStringLiteral("%1:%2 (%3) includes %4 (%5)")
                                .arg(include.file)
                                .arg(include.line)
                                .arg(from, include.target, target.value());
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    // The checker itself: a forbidden include must be reported, so the test above cannot pass vacuously.
    void theRulesRefuseAnUpwardInclude()
    {
        const QHash<QString, QSet<QString>> rules = allowed();
        QVERIFY(!rules.value(QStringLiteral("engine")).contains(QStringLiteral("store/sqlite")));
        QVERIFY(!rules.value(QStringLiteral("items")).contains(QStringLiteral("encord")));
        QVERIFY(!rules.value(QStringLiteral("ui")).contains(QStringLiteral("store/sqlite")));
        QVERIFY(!rules.value(QStringLiteral("domain")).contains(QStringLiteral("store")));
        QVERIFY(!rules.value(QStringLiteral("render")).contains(QStringLiteral("store")));
        QVERIFY(!rules.value(QStringLiteral("report")).contains(QStringLiteral("render")));
        QCOMPARE(layerOfFile(QStringLiteral("render/overlaypainter.cpp")), QStringLiteral("render"));
        QCOMPARE(layerOfFile(QStringLiteral("model/store/sqlite/sqlitestore.cpp")),
                 QStringLiteral("store/sqlite"));
        QCOMPARE(layerOfFile(QStringLiteral("model/encord/encordstore.cpp")), QStringLiteral("encord"));
        QCOMPARE(layerOfFile(QStringLiteral("ui/tabs/reviewtab.cpp")), QStringLiteral("ui"));
        QCOMPARE(layerOfFile(QStringLiteral("app/cli/main.cpp")), QStringLiteral("app/cli"));
    }
};

QTEST_GUILESS_MAIN(TestLayering)
#include "tst_layering.moc"
