-- One row that opening a batch run locks (SELECT … FOR UPDATE) before it looks for a running run: two processes
-- opening runs at the same moment then take turns, and the second finds the first's run and is refused.
CREATE TABLE batch_run_gate (id INT PRIMARY KEY);
INSERT INTO batch_run_gate (id) VALUES (1);
