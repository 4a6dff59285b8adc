#include "demo/demogenerator.h"
#include "engine/engine.h"
#include "items/auditlogmodel.h"
#include "store/sqlite/sqlitestore.h"

#include <memory>
#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

using namespace lb;

namespace {

constexpr auto kTesterMode = QAbstractItemModelTester::FailureReportingMode::QtTest;

const QString kMain = QStringLiteral("main");

QList<qint64> shownIds(const AuditLogModel &model)
{
    QList<qint64> ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids.append(model.index(row, 0).data(AuditLogModel::EntryIdRole).toLongLong());
    return ids;
}

} // namespace

class TestAuditLogModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void rowsEqualTheStoresAuditLogNewestFirst();
    void actionFilterShowsOnlyThatAction();
    void textFilterMatchesSummaryUserAndDetails();
    void filtersCombineAndSurviveAReload();
    void detailsReadAsFields();
    void clearEmptiesTheModel();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<SqliteStore> m_store;
    QString m_snapshotName;
};

void TestAuditLogModel::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString path = m_dir.filePath(QStringLiteral("demo.lbproj"));
    const Result<DemoReport> report = DemoGenerator(DemoGenerator::kSmallSize).writeProject(path);
    QVERIFY2(report.ok(), qPrintable(report.error()));
    Result<std::unique_ptr<SqliteStore>> store = SqliteStore::open(path);
    QVERIFY2(store.ok(), qPrintable(store.error()));
    m_store = std::move(store).value();

    // One of each kind of write, by two users, so the log has something to filter.
    Engine alice(*m_store, QStringLiteral("alice"));
    Engine bob(*m_store, QStringLiteral("bob"));
    const Result<CopyResult> snapshot = alice.snapshot(kMain, QStringLiteral("export-audit"));
    QVERIFY2(snapshot.ok(), qPrintable(snapshot.error()));
    m_snapshotName = QStringLiteral("export-audit");
    CopyRequest copy;
    copy.sourceBranch = kMain;
    copy.targetBranch = QStringLiteral("experiment");
    const Result<CopyResult> copied = bob.copy(copy);
    QVERIFY2(copied.ok(), qPrintable(copied.error()));
    CopyRequest sync;
    sync.sourceBranch = DemoGenerator::preLabelsBranch();
    sync.targetBranch = QStringLiteral("experiment");
    const Result<CopyResult> synced = alice.sync(sync);
    QVERIFY2(synced.ok(), qPrintable(synced.error()));
    const Result<UndoResult> undone = bob.undoLast(QStringLiteral("experiment"));
    QVERIFY2(undone.ok(), qPrintable(undone.error()));
    const Result<void> created = alice.createBranch(QStringLiteral("scratch"));
    QVERIFY2(created.ok(), qPrintable(created.error()));
}

void TestAuditLogModel::rowsEqualTheStoresAuditLogNewestFirst()
{
    AuditLogModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    const Result<void> loaded = model.reload(*m_store);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error()));

    const Result<QList<AuditEntry>> log = m_store->auditLog();
    QVERIFY2(log.ok(), qPrintable(log.error()));
    QVERIFY(log->size() >= 5);
    QCOMPARE(model.rowCount(), int(log->size()));
    QCOMPARE(model.totalCount(), int(log->size()));
    for (int row = 0; row < model.rowCount(); ++row) {
        const AuditEntry &expected = log->at(row);
        QCOMPARE(model.index(row, 0).data(AuditLogModel::EntryIdRole).toLongLong(), expected.id);
        QCOMPARE(model.index(row, 0).data(AuditLogModel::ActionRole).toString(), expected.action);
        QCOMPARE(model.index(row, 0).data(AuditLogModel::TimeRole).toDateTime(), expected.time);
        QCOMPARE(model.index(row, 0).data(AuditLogModel::DetailsRole).toString(), expected.details);
        QCOMPARE(model.index(row, 0).data(AuditLogModel::OperationIdRole).toLongLong(), expected.operationId);
        QCOMPARE(model.index(row, AuditLogModel::UserColumn).data().toString(), expected.user);
        QCOMPARE(model.index(row, AuditLogModel::SummaryColumn).data().toString(), expected.summary);
        QCOMPARE(model.index(row, AuditLogModel::ActionColumn).data().toString(),
                 AuditLogModel::actionDisplay(expected.action));
        QVERIFY(!model.index(row, AuditLogModel::TimeColumn).data().toString().isEmpty());
        if (row > 0)
            QVERIFY(log->at(row - 1).time >= expected.time);
    }
    // The newest entry is the last write of initTestCase.
    QCOMPARE(model.entryAt(0)->action, QStringLiteral("branch-create"));
    QCOMPARE(model.entryAt(0)->user, QStringLiteral("alice"));
    QCOMPARE(model.rowOfEntry(log->at(2).id), 2);
    QVERIFY(!model.entryAt(model.rowCount()));

    const QStringList actions = model.actions();
    for (const QString &action : {QStringLiteral("snapshot"), QStringLiteral("copy"), QStringLiteral("sync"),
                                  QStringLiteral("undo"), QStringLiteral("branch-create")})
        QVERIFY2(actions.contains(action), qPrintable(actions.join(QLatin1Char(','))));
    QCOMPARE(actions.size(), int(QSet<QString>(actions.cbegin(), actions.cend()).size()));
}

void TestAuditLogModel::actionFilterShowsOnlyThatAction()
{
    AuditLogModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    QVERIFY(model.reload(*m_store).ok());
    const Result<QList<AuditEntry>> log = m_store->auditLog();
    QVERIFY(log.ok());

    for (const QString &action : model.actions()) {
        model.setActionFilter(action);
        QList<qint64> expected;
        for (const AuditEntry &entry : log.value())
            if (entry.action == action)
                expected.append(entry.id);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(shownIds(model), expected);
        QCOMPARE(model.totalCount(), int(log->size()));
    }
    model.setActionFilter(QString());
    QCOMPARE(model.rowCount(), int(log->size()));
}

void TestAuditLogModel::textFilterMatchesSummaryUserAndDetails()
{
    AuditLogModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    QVERIFY(model.reload(*m_store).ok());
    const Result<QList<AuditEntry>> log = m_store->auditLog();
    QVERIFY(log.ok());

    // By user, in any case.
    model.setTextFilter(QStringLiteral("BOB"));
    QVERIFY(model.rowCount() >= 2);
    for (int row = 0; row < model.rowCount(); ++row) {
        const AuditEntry *entry = model.entryAt(row);
        QVERIFY(entry->user == QStringLiteral("bob") ||
                entry->summary.contains(QStringLiteral("bob"), Qt::CaseInsensitive) ||
                entry->details.contains(QStringLiteral("bob"), Qt::CaseInsensitive));
    }

    // By a branch name that only some entries mention; every entry that mentions it is shown.
    model.setTextFilter(m_snapshotName);
    QList<qint64> expected;
    for (const AuditEntry &entry : log.value())
        if (entry.summary.contains(m_snapshotName, Qt::CaseInsensitive) ||
            entry.details.contains(m_snapshotName, Qt::CaseInsensitive))
            expected.append(entry.id);
    QVERIFY(!expected.isEmpty());
    QVERIFY(expected.size() < log->size());
    QCOMPARE(shownIds(model), expected);

    // Nothing matches: an empty, valid model.
    model.setTextFilter(QStringLiteral("no entry says this"));
    QCOMPARE(model.rowCount(), 0);
    model.setTextFilter(QStringLiteral("  "));
    QCOMPARE(model.rowCount(), int(log->size()));
}

void TestAuditLogModel::filtersCombineAndSurviveAReload()
{
    AuditLogModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    QVERIFY(model.reload(*m_store).ok());
    model.setActionFilter(QStringLiteral("snapshot"));
    model.setTextFilter(QStringLiteral("alice"));
    const QList<qint64> before = shownIds(model);
    QVERIFY(!before.isEmpty());

    // A new snapshot by someone else appears in the log, but not in the filtered rows; one by alice does.
    Engine carol(*m_store, QStringLiteral("carol"));
    QVERIFY(carol.snapshot(kMain, QStringLiteral("export-carol")).ok());
    QVERIFY(model.reload(*m_store).ok());
    QCOMPARE(shownIds(model), before);
    Engine alice(*m_store, QStringLiteral("alice"));
    QVERIFY(alice.snapshot(kMain, QStringLiteral("export-alice-2")).ok());
    QVERIFY(model.reload(*m_store).ok());
    QCOMPARE(model.rowCount(), int(before.size()) + 1);
    QCOMPARE(model.entryAt(0)->summary.contains(QStringLiteral("export-alice-2")), true);
    QCOMPARE(model.actionFilter(), QStringLiteral("snapshot"));
    QCOMPARE(model.textFilter(), QStringLiteral("alice"));
}

void TestAuditLogModel::detailsReadAsFields()
{
    AuditLogModel model;
    QVERIFY(model.reload(*m_store).ok());
    model.setActionFilter(QStringLiteral("sync"));
    QVERIFY(model.rowCount() > 0);
    const AuditEntry *sync = model.entryAt(0);
    const QList<QPair<QString, QString>> fields = AuditLogModel::detailFields(sync->details);
    QVERIFY(!fields.isEmpty());
    QStringList values;
    for (const auto &field : fields) {
        QVERIFY(!field.first.isEmpty());
        values.append(field.second);
    }
    // The parameters of the sync are readable without knowing JSON.
    QVERIFY2(values.contains(DemoGenerator::preLabelsBranch()), qPrintable(values.join(QLatin1Char('|'))));
    QVERIFY(values.contains(QStringLiteral("experiment")));
    QVERIFY(AuditLogModel::prettyDetails(sync->details).contains(QLatin1Char('\n')));

    const QList<QPair<QString, QString>> plain = AuditLogModel::detailFields(QStringLiteral("not json"));
    QCOMPARE(plain.size(), 1);
    QCOMPARE(plain.first().second, QStringLiteral("not json"));
    QCOMPARE(AuditLogModel::prettyDetails(QStringLiteral("not json")), QStringLiteral("not json"));

    const QList<QPair<QString, QString>> nested = AuditLogModel::detailFields(QStringLiteral(
        R"({"zeta":1,"b":{"isOn":true},"list":[1,2],"dataUnits":[{"dataTitle":"x"},{"dataTitle":"y"}],"target":"t"})"));
    QCOMPARE(nested.size(), 7);
    // Branches first, then the rest by key; keys read as words.
    QCOMPARE(nested.value(0), (QPair<QString, QString>(QStringLiteral("Target"), QStringLiteral("t"))));
    QCOMPARE(nested.value(1), (QPair<QString, QString>(QStringLiteral("B › Is on"), QStringLiteral("yes"))));
    QCOMPARE(nested.value(2).first, QStringLiteral("Data units"));
    QCOMPARE(nested.value(3),
             (QPair<QString, QString>(QStringLiteral("Data units #1"), QStringLiteral("Data title: x"))));
    QCOMPARE(nested.value(4),
             (QPair<QString, QString>(QStringLiteral("Data units #2"), QStringLiteral("Data title: y"))));
    QCOMPARE(nested.value(5).first, QStringLiteral("List"));
    QCOMPARE(nested.value(6).first, QStringLiteral("Zeta"));
}

void TestAuditLogModel::clearEmptiesTheModel()
{
    AuditLogModel model;
    QAbstractItemModelTester tester(&model, kTesterMode);
    QVERIFY(model.reload(*m_store).ok());
    QSignalSpy actionsChanged(&model, &AuditLogModel::actionsChanged);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
    QCOMPARE(model.totalCount(), 0);
    QVERIFY(model.actions().isEmpty());
    QCOMPARE(actionsChanged.count(), 1);
}

QTEST_GUILESS_MAIN(TestAuditLogModel)
#include "tst_auditlogmodel.moc"
