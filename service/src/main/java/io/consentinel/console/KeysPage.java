package io.consentinel.console;

import io.consentinel.security.KeyAdministration;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Keys (admins only, enforced by the console's security rules): list, create with the key shown once, revoke. */
@Controller
class KeysPage {

    private final KeyAdministration keys;
    private final JsonMapper json;

    KeysPage(KeyAdministration keys, JsonMapper json) {
        this.keys = keys;
        this.json = json;
    }

    @GetMapping("/keys")
    String list(Model model) {
        model.addAttribute("keys", keys.list());
        model.addAttribute("roles", keys.roles());
        return "keys";
    }

    @PostMapping("/keys")
    String create(
            @RequestParam String role,
            @RequestParam(defaultValue = "") String appId,
            @RequestParam(defaultValue = "") String name,
            Model model,
            HttpServletResponse response) {
        ObjectNode request = json.createObjectNode().put("role", role).put("name", name);
        if (!appId.isBlank()) {
            request.put("appId", appId.trim());
        }
        Map<String, Object> created = keys.issue(request);
        // The page shows the secret: no cache may keep it, and it is not shown again.
        response.setHeader("Cache-Control", "no-store");
        model.addAttribute("created", created);
        return list(model);
    }

    @PostMapping("/keys/{id}/revoke")
    String revoke(@PathVariable UUID id) {
        keys.revoke(id);
        return "redirect:/keys?revoked";
    }
}
