-- How a manual payment reached the landlord (cash or bank transfer); NULL for M-Pesa.
ALTER TABLE payments ADD COLUMN method ENUM('cash', 'bank') NULL AFTER channel;
