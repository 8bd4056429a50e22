#include "app/views/generator_validation_view.h"

#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>
#include <exception>

#include "app/batch_output_writer.h"
#include "core/tasks/qg/generator_validation.h"
#include "widgets/charts/figure_view.h"
#include "widgets/model/csv_table_model.h"

namespace bithep::app {

GeneratorValidationView::GeneratorValidationView(QWidget* parent) : QWidget(parent) {
    setObjectName("generatorValidationView");
    setWindowTitle(tr("Generator vs data — quark/gluon jets"));
    m_file = new QLineEdit(this);
    m_file->setObjectName("validationDataFile");
    m_file->setPlaceholderText(tr("energyflow .npz or bithep-qg .h5 file of real jets"));
    auto* browse = new QPushButton(tr("Browse…"), this);
    m_jets = new QSpinBox(this);
    m_jets->setObjectName("validationJets");
    m_jets->setRange(100, 2'000'000);
    m_jets->setSingleStep(5000);
    m_jets->setGroupSeparatorShown(true);
    m_jets->setValue(20000);
    m_jets->setToolTip(tr("Generated jets; 20 000 keep the generator's own fluctuations well below the data's"));
    m_seed = new QSpinBox(this);
    m_seed->setObjectName("validationSeed");
    m_seed->setRange(0, 1'000'000'000);
    m_seed->setValue(1);
    m_compare = new QPushButton(tr("&Compare"), this);
    m_compare->setObjectName("validationCompare");
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_export = new QPushButton(tr("Export…"), this);
    m_export->setObjectName("validationExport");
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 1000);
    m_status = new QLabel(this);
    m_status->setObjectName("validationStatus");
    m_status->setWordWrap(true);
    m_citation = new QLabel(this);
    m_citation->setObjectName("validationCitation");
    m_citation->setWordWrap(true);
    m_citation->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_model = new widgets::CsvTableModel(this);
    m_tableView = new QTableView(this);
    m_tableView->setObjectName("validationTable");
    m_tableView->setModel(m_model);
    m_tableView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tableView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tableView->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_tableView->setToolTip(tr("Separation power 0 = identical shapes, 1 = disjoint. The noise floor is the "
                               "separation of two random halves of the data, i.e. at half its size; against many "
                               "generated jets, statistics alone give about a quarter of it"));

    auto* fileRow = new QHBoxLayout;
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(browse);
    auto* form = new QFormLayout;
    form->addRow(tr("Data"), fileRow);
    form->addRow(tr("Generated jets"), m_jets);
    form->addRow(tr("Seed"), m_seed);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(m_compare);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_progress, 1);
    buttons->addWidget(m_export);
    auto* figures = new QWidget(this);
    m_figures = new QHBoxLayout(figures);
    m_figures->setContentsMargins(0, 0, 0, 0);
    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_tableView);
    splitter->addWidget(figures);
    splitter->setSizes({1000, 2000});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_citation);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString f = QFileDialog::getOpenFileName(this, tr("Real jets"), m_file->text(),
                                                       tr("Quark/gluon jets (*.npz *.h5 *.hdf5);;All files (*)"));
        if (!f.isEmpty()) setDataFile(f);
    });
    connect(m_compare, &QPushButton::clicked, this, &GeneratorValidationView::compare);
    connect(m_cancel, &QPushButton::clicked, this, &GeneratorValidationView::cancel);
    connect(m_export, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Export generator vs data"));
        if (!dir.isEmpty()) exportTo(dir);
    });
    connect(m_tableView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& index) { showObservable(index.row()); });
    connect(&m_watcher, &QFutureWatcher<void>::finished, this, [this] {
        setRunning(false);
        if (m_cancelFlag->load()) {
            m_status->setText(tr("Cancelled; the previous comparison is kept."));
            emit finished(false);
            return;
        }
        if (!m_error->empty()) {
            m_status->setText(tr("Comparison failed: %1").arg(QString::fromStdString(*m_error)));
            emit finished(false);
            return;
        }
        m_output = std::move(*m_pending);
        m_model->setTable(m_output.tables.at("validation"));
        const bool met = m_output.metrics.value("targets", nlohmann::json::object()).value("met", false);
        m_status->setText(tr("%1 generated jets (seed %2) against %3: calibration targets %4.")
                              .arg(m_output.settings.value("generated_jets", 0))
                              .arg(m_output.settings.value("seed", std::uint64_t{0}))
                              .arg(QString::fromStdString(m_output.settings.value("data_file", std::string())))
                              .arg(met ? tr("met") : tr("not met")));
        m_citation->setText(m_output.settings.contains("data_citation")
                                ? tr("Data: %1").arg(QString::fromStdString(m_output.settings["data_citation"]))
                                : QString());
        m_tableView->selectRow(0);
        showObservable(0);
        emit finished(true);
    });
    setRunning(false);
}

GeneratorValidationView::~GeneratorValidationView() {
    if (m_cancelFlag) m_cancelFlag->store(true);
    m_watcher.waitForFinished();
}

void GeneratorValidationView::setDataFile(const QString& path) {
    m_file->setText(path);
}
QString GeneratorValidationView::dataFile() const {
    return m_file->text();
}
void GeneratorValidationView::setJets(int jets) {
    m_jets->setValue(jets);
}

void GeneratorValidationView::setRunning(bool running) {
    m_compare->setEnabled(!running);
    m_cancel->setEnabled(running);
    m_export->setEnabled(!running && !m_output.tables.empty());
    m_progress->setVisible(running);
}

void GeneratorValidationView::compare() {
    if (isRunning()) return;
    if (m_file->text().isEmpty()) {
        m_status->setText(tr("Choose a file of real jets first."));
        return;
    }
    tasks::BatchRequest request;
    request.seed = static_cast<std::uint64_t>(m_seed->value());
    request.arguments = {"data=" + m_file->text().toStdString(), "jets=" + std::to_string(m_jets->value())};
    m_cancelFlag = std::make_shared<std::atomic<bool>>(false);
    m_pending = std::make_shared<tasks::BatchOutput>();
    m_error = std::make_shared<std::string>();
    tasks::BatchProgress progress;
    progress.cancelled = [flag = m_cancelFlag] { return flag->load(); };
    progress.progress = [this](double fraction) {
        QMetaObject::invokeMethod(m_progress, "setValue", Qt::QueuedConnection, Q_ARG(int, int(1000 * fraction)));
    };
    m_progress->setValue(0);
    m_status->setText(tr("Generating %1 jets and comparing…").arg(m_jets->value()));
    setRunning(true);
    m_watcher.setFuture(QtConcurrent::run([request, progress, out = m_pending, error = m_error] {
        try {
            *out = tasks::qg::runQgValidation(request, progress);
        } catch (const std::exception& e) {
            *error = e.what();
        } catch (...) {  // e.g. fastjet::Error, which is no std::exception
            *error = "unexpected error in the comparison";
        }
    }));
}

void GeneratorValidationView::cancel() {
    if (m_cancelFlag) m_cancelFlag->store(true);
}

void GeneratorValidationView::showObservable(int row) {
    while (QLayoutItem* item = m_figures->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    if (row < 0 || row >= m_model->rowCount()) return;
    const QString id = m_model->data(m_model->index(row, 0), Qt::UserRole).toString();
    for (const char* cls : {"_quark", "_gluon"}) {
        const std::string figureId = "validation_" + id.toStdString() + cls;
        for (const auto& figure : m_output.figures)
            if (figure.id == figureId) m_figures->addWidget(widgets::createFigureWidget(figure, this));
    }
}

bool GeneratorValidationView::exportTo(const QString& dir) {
    if (m_output.tables.empty()) {
        m_status->setText(tr("Nothing to export yet: run a comparison first."));
        return false;
    }
    if (!QDir().mkpath(dir)) {
        m_status->setText(tr("Export failed: cannot create the folder %1").arg(dir));
        return false;
    }
    try {
        const QStringList files = writeBatchOutput(m_output, dir);
        m_status->setText(tr("%1 files written to %2").arg(files.size()).arg(dir));
        return true;
    } catch (const std::exception& e) {
        m_status->setText(tr("Export failed: %1").arg(QString::fromUtf8(e.what())));
        return false;
    }
}

}  // namespace bithep::app
