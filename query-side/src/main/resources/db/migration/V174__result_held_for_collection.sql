-- A result that could not be handed over, kept for the client to collect (留存待领): the day it was set aside. Such a
-- matter stays COMPLETED (a delivery when the client comes is recorded as any other) but is no longer late for
-- delivery; where it is kept and the tries made are in details.resultHeld.
alter table delegation_view add column result_held_on date;
