import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app.js";
import { TokenStore } from "./lib/token-store.js";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App tokens={new TokenStore(window.localStorage)} />
    </StrictMode>,
  );
}
