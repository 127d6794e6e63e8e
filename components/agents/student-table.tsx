import { formatCount } from "@/components/ui/format";
import { Metric } from "@/components/ui/metric";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";
import type { StudentPoint } from "@/server/datasets/student-points";
import { formatScore } from "./student-marks";

/** Every recorded student result, plotted or not, with what its training set was made of. */
export function StudentTable({ students }: { students: StudentPoint[] }) {
  return (
    <Table caption="Student results" footer={`${formatCount(students.length)} student ${students.length === 1 ? "result" : "results"}`}>
      <THead>
        <Th>Student</Th>
        <Th>Benchmark</Th>
        <Th numeric title="Percentages when recorded in [0, 1], otherwise as recorded">
          Score
        </Th>
        <Th>Trained on</Th>
        <Th title="The teacher with the most trajectories in the set">Main teacher</Th>
        <Th numeric title="Mean EGS of the set's trajectories with an act">
          Set EGS
        </Th>
      </THead>
      <TBody>
        {students.map((s) => (
          <Tr key={s.id}>
            <Td primary title={s.notes ? `${s.studentModel} — ${s.notes}` : s.studentModel} className="font-medium">
              {s.studentModel}
            </Td>
            <Td muted>{s.benchmark}</Td>
            <Td numeric>{formatScore(s)}</Td>
            <Td mono>
              {s.dataset}@v{s.version}
            </Td>
            <Td truncate="max-w-48" title={`${s.members} trajectories: ${s.teachers.map((t) => `${t.name} ${t.members}`).join(", ")}`}>
              {s.mainTeacher ?? "—"}
            </Td>
            <Td numeric>
              <Metric value={s.egs} label="EGS" />
            </Td>
          </Tr>
        ))}
      </TBody>
    </Table>
  );
}
