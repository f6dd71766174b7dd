CREATE TABLE purchase_order (
  id BIGSERIAL PRIMARY KEY,
  item TEXT NOT NULL,
  reserved_by TEXT NOT NULL
);
